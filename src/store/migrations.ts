/**
 * Versioned schema migrations, applied in order on start. The SQL is kept to what SQLite and
 * PostgreSQL both accept, so every store runs the same list.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "topics and articles",
    sql: [
      `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE topics (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        keywords TEXT NOT NULL
      )`,
      `CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        topic_id TEXT NOT NULL REFERENCES topics(id),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        published TEXT NOT NULL,
        published_estimated INTEGER NOT NULL,
        source TEXT,
        url TEXT,
        language TEXT,
        ingested_at TEXT NOT NULL,
        analysis TEXT NOT NULL
      )`,
      `CREATE INDEX articles_topic_published ON articles (topic_id, published)`,
    ],
  },
  {
    version: 2,
    name: "conversations",
    sql: [
      `CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
      `CREATE INDEX conversations_expiry ON conversations (expires_at)`,
    ],
  },
  {
    version: 3,
    name: "digest subscriptions and delivery ledger",
    sql: [
      `CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        topic_id TEXT NOT NULL REFERENCES topics(id),
        schedule TEXT NOT NULL,
        cron TEXT NOT NULL,
        timezone TEXT NOT NULL,
        quiet INTEGER NOT NULL,
        status TEXT NOT NULL,
        pause_reason TEXT,
        created_by TEXT,
        created_at TEXT NOT NULL,
        cursor TEXT,
        last_delivered_at TEXT,
        UNIQUE (platform, workspace, channel_id, topic_id)
      )`,
      `CREATE TABLE deliveries (
        key TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL,
        fire_time TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at TEXT NOT NULL,
        claimed_by TEXT,
        claimed_until TEXT,
        message_id TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT
      )`,
      `CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at)`,
      `CREATE INDEX deliveries_subscription ON deliveries (subscription_id, fire_time)`,
    ],
  },
  {
    version: 4,
    name: "news sources, seen items and story fingerprints",
    sql: [
      `CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        topics TEXT NOT NULL,
        route INTEGER NOT NULL,
        interval_seconds INTEGER NOT NULL,
        status TEXT NOT NULL,
        status_reason TEXT,
        failures INTEGER NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_polled_at TEXT,
        last_success_at TEXT,
        last_error TEXT,
        next_poll_at TEXT NOT NULL,
        items_seen INTEGER NOT NULL,
        articles_added INTEGER NOT NULL,
        claimed_by TEXT,
        claimed_until TEXT,
        created_by TEXT,
        created_at TEXT NOT NULL
      )`,
      `CREATE INDEX sources_due ON sources (status, next_poll_at)`,
      `CREATE TABLE source_items (
        source_id TEXT NOT NULL,
        item_key TEXT NOT NULL,
        url TEXT,
        status TEXT NOT NULL,
        article_id TEXT,
        reason TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (source_id, item_key)
      )`,
      `CREATE INDEX source_items_url ON source_items (url)`,
      `CREATE TABLE story_fingerprints (
        article_id TEXT PRIMARY KEY,
        simhash TEXT NOT NULL,
        bands TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE story_bands (
        band TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (band, article_id)
      )`,
      `CREATE TABLE story_sources (
        article_id TEXT NOT NULL,
        url TEXT NOT NULL,
        outlet TEXT,
        title TEXT,
        source_id TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (article_id, url)
      )`,
    ],
  },
];
