/** News sources on any SqlRunner: the same statements for SQLite and PostgreSQL. */
import { simhashBands } from "../sources/simhash.js";
import type {
  ItemStatus,
  SeenItem,
  Source,
  SourcePollState,
  SourceStatus,
  SourceStore,
  StorySource,
} from "../sources/source.js";
import type { SqlRunner } from "./sql.js";

interface SourceRow {
  id: string;
  url: string;
  title: string | null;
  topics: string;
  route: number;
  interval_seconds: number;
  status: string;
  status_reason: string | null;
  failures: number;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  next_poll_at: string;
  items_seen: number;
  articles_added: number;
  created_by: string | null;
  created_at: string;
}

interface ItemRow {
  source_id: string;
  item_key: string;
  url: string | null;
  status: string;
  article_id: string | null;
  reason: string | null;
  seen_at: string;
}

interface StorySourceRow {
  article_id: string;
  url: string;
  outlet: string | null;
  title: string | null;
  source_id: string | null;
  seen_at: string;
}

function toSource(r: SourceRow): Source {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    topics: JSON.parse(r.topics) as string[],
    route: Number(r.route) === 1,
    intervalSeconds: Number(r.interval_seconds),
    status: r.status as SourceStatus,
    statusReason: r.status_reason,
    failures: Number(r.failures),
    etag: r.etag,
    lastModified: r.last_modified,
    lastPolledAt: r.last_polled_at,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    nextPollAt: r.next_poll_at,
    itemsSeen: Number(r.items_seen),
    articlesAdded: Number(r.articles_added),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

function toItem(r: ItemRow): SeenItem {
  return {
    sourceId: r.source_id,
    itemKey: r.item_key,
    url: r.url,
    status: r.status as ItemStatus,
    articleId: r.article_id,
    reason: r.reason,
    seenAt: r.seen_at,
  };
}

/** Columns a poll may set, by field name. */
const POLL_COLUMNS: Record<string, string> = {
  title: "title",
  status: "status",
  statusReason: "status_reason",
  failures: "failures",
  etag: "etag",
  lastModified: "last_modified",
  lastPolledAt: "last_polled_at",
  lastSuccessAt: "last_success_at",
  lastError: "last_error",
  nextPollAt: "next_poll_at",
};

/** Rows per statement when looking up many values at once (well under both databases' parameter limits). */
const CHUNK = 500;

function chunks<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

/** The most items a feed may list for its history to be pruned in one statement. */
const PRUNE_LISTED_MAX = 2_000;

/** Named parameters for an IN list: "@k0, @k1, …" and their values. */
function listParams(prefix: string, values: string[]): { names: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const names = values.map((value, i) => {
    params[`${prefix}${i}`] = value;
    return `@${prefix}${i}`;
  });
  return { names: names.join(", "), params };
}

export class SqlSources implements SourceStore {
  constructor(private readonly sql: SqlRunner) {}

  async addSource(s: Source): Promise<"added" | "exists"> {
    const changed = await this.sql.run(
      `INSERT INTO sources (id, url, title, topics, route, interval_seconds, status, status_reason, failures, etag,
         last_modified, last_polled_at, last_success_at, last_error, next_poll_at, items_seen, articles_added,
         created_by, created_at)
       VALUES (@id, @url, @title, @topics, @route, @intervalSeconds, @status, @statusReason, @failures, @etag,
         @lastModified, @lastPolledAt, @lastSuccessAt, @lastError, @nextPollAt, @itemsSeen, @articlesAdded,
         @createdBy, @createdAt)
       ON CONFLICT DO NOTHING`,
      { ...s, topics: JSON.stringify(s.topics), route: s.route ? 1 : 0 },
    );
    return changed === 1 ? "added" : "exists";
  }

  async getSource(id: string): Promise<Source | undefined> {
    const rows = await this.sql.all<SourceRow>("SELECT * FROM sources WHERE id = @id", { id });
    return rows[0] && toSource(rows[0]);
  }

  async listSources(): Promise<Source[]> {
    const rows = await this.sql.all<SourceRow>("SELECT * FROM sources ORDER BY created_at, id");
    return rows.map(toSource);
  }

  async setSourceTopics(id: string, topics: string[], route: boolean): Promise<void> {
    await this.sql.run("UPDATE sources SET topics = @topics, route = @route WHERE id = @id", {
      id,
      topics: JSON.stringify(topics),
      route: route ? 1 : 0,
    });
  }

  async removeSource(id: string): Promise<boolean> {
    const [, removed] = await this.sql.batch([
      { sql: "DELETE FROM source_items WHERE source_id = @id", params: { id } },
      { sql: "DELETE FROM sources WHERE id = @id", params: { id } },
    ]);
    return removed === 1;
  }

  async claimDueSources(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<Source[]> {
    // PostgreSQL: rows another instance is claiming at this moment are skipped, not waited for.
    const lock = this.sql.dialect === "postgres" ? "FOR UPDATE SKIP LOCKED" : "";
    const rows = await this.sql.all<SourceRow>(
      `UPDATE sources SET claimed_by = @owner, claimed_until = @leaseUntil
       WHERE id IN (
         SELECT id FROM sources
         WHERE status <> 'disabled' AND next_poll_at <= @now
           AND (claimed_until IS NULL OR claimed_until < @now)
         ORDER BY next_poll_at, id
         LIMIT @limit ${lock}
       )
       RETURNING *`,
      { owner, now: now.toISOString(), leaseUntil: leaseUntil.toISOString(), limit },
    );
    return rows
      .map(toSource)
      .sort((a, b) => a.nextPollAt.localeCompare(b.nextPollAt) || a.id.localeCompare(b.id));
  }

  async claimSource(id: string, owner: string, now: Date, leaseUntil: Date): Promise<Source | undefined> {
    const rows = await this.sql.all<SourceRow>(
      `UPDATE sources SET claimed_by = @owner, claimed_until = @leaseUntil
       WHERE id = @id AND (claimed_until IS NULL OR claimed_until < @now OR claimed_by = @owner)
       RETURNING *`,
      { id, owner, now: now.toISOString(), leaseUntil: leaseUntil.toISOString() },
    );
    return rows[0] && toSource(rows[0]);
  }

  async finishPoll(id: string, state: SourcePollState): Promise<void> {
    const sets = ["claimed_by = NULL", "claimed_until = NULL"];
    const params: Record<string, unknown> = { id };
    for (const [field, column] of Object.entries(POLL_COLUMNS)) {
      if (!(field in state)) continue;
      sets.push(`${column} = @${field}`);
      params[field] = (state as Record<string, unknown>)[field];
    }
    if (state.addItemsSeen) {
      sets.push("items_seen = items_seen + @addItemsSeen");
      params.addItemsSeen = state.addItemsSeen;
    }
    if (state.addArticlesAdded) {
      sets.push("articles_added = articles_added + @addArticlesAdded");
      params.addArticlesAdded = state.addArticlesAdded;
    }
    await this.sql.run(`UPDATE sources SET ${sets.join(", ")} WHERE id = @id`, params);
  }

  async seenItemKeys(sourceId: string, keys: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(keys)])) {
      const { names, params } = listParams("k", part);
      const rows = await this.sql.all<{ item_key: string }>(
        `SELECT item_key FROM source_items WHERE source_id = @sourceId AND item_key IN (${names})`,
        { ...params, sourceId },
      );
      for (const r of rows) out.add(r.item_key);
    }
    return out;
  }

  async pruneItems(sourceId: string, before: Date, listed: string[]): Promise<number> {
    const keep = [...new Set(listed)];
    // Items the feed still lists stay remembered, or the next poll would take them for new ones. A
    // feed listing more than one statement can name is simply not pruned this time.
    if (keep.length > PRUNE_LISTED_MAX) return 0;
    const { names, params } = listParams("k", keep);
    return this.sql.run(
      `DELETE FROM source_items WHERE source_id = @sourceId AND seen_at < @before${
        keep.length > 0 ? ` AND item_key NOT IN (${names})` : ""
      }`,
      { ...params, sourceId, before: before.toISOString() },
    );
  }

  async seenUrls(urls: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const part of chunks([...new Set(urls)])) {
      const { names, params } = listParams("u", part);
      const rows = await this.sql.all<{ url: string; article_id: string | null }>(
        `SELECT url, article_id FROM source_items WHERE url IN (${names})`,
        params,
      );
      for (const r of rows)
        if (!out.has(r.url) || (out.get(r.url) === null && r.article_id)) out.set(r.url, r.article_id);
    }
    return out;
  }

  async recordItems(items: SeenItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.sql.batch(
      items.map((item) => ({
        sql: `INSERT INTO source_items (source_id, item_key, url, status, article_id, reason, seen_at)
              VALUES (@sourceId, @itemKey, @url, @status, @articleId, @reason, @seenAt)
              ON CONFLICT DO NOTHING`,
        params: { ...item },
      })),
    );
  }

  async listItems(sourceId: string): Promise<SeenItem[]> {
    const rows = await this.sql.all<ItemRow>(
      "SELECT * FROM source_items WHERE source_id = @sourceId ORDER BY seen_at, item_key",
      { sourceId },
    );
    return rows.map(toItem);
  }

  async addFingerprint(articleId: string, simhash: bigint, now: Date): Promise<void> {
    const bands = simhashBands(simhash);
    await this.sql.batch([
      {
        sql: `INSERT INTO story_fingerprints (article_id, simhash, bands, created_at)
              VALUES (@articleId, @simhash, @bands, @createdAt)
              ON CONFLICT DO NOTHING`,
        params: {
          articleId,
          simhash: simhash.toString(16).padStart(16, "0"),
          bands: bands.join(" "),
          createdAt: now.toISOString(),
        },
      },
      ...bands.map((band) => ({
        sql: "INSERT INTO story_bands (band, article_id) VALUES (@band, @articleId) ON CONFLICT DO NOTHING",
        params: { band, articleId },
      })),
    ]);
  }

  async fingerprintCandidates(simhash: bigint): Promise<{ articleId: string; simhash: bigint }[]> {
    const params: Record<string, unknown> = {};
    const names = simhashBands(simhash).map((band, i) => {
      params[`b${i}`] = band;
      return `@b${i}`;
    });
    const rows = await this.sql.all<{ article_id: string; simhash: string }>(
      `SELECT article_id, simhash FROM story_fingerprints
       WHERE article_id IN (SELECT article_id FROM story_bands WHERE band IN (${names.join(", ")}))`,
      params,
    );
    return rows.map((r) => ({ articleId: r.article_id, simhash: BigInt(`0x${r.simhash}`) }));
  }

  async addStorySource(row: StorySource): Promise<void> {
    await this.sql.run(
      `INSERT INTO story_sources (article_id, url, outlet, title, source_id, seen_at)
       VALUES (@articleId, @url, @outlet, @title, @sourceId, @seenAt)
       ON CONFLICT DO NOTHING`,
      { ...row },
    );
  }

  async listStorySources(articleId: string): Promise<StorySource[]> {
    const rows = await this.sql.all<StorySourceRow>(
      "SELECT * FROM story_sources WHERE article_id = @articleId ORDER BY seen_at, url",
      { articleId },
    );
    return rows.map((r) => ({
      articleId: r.article_id,
      url: r.url,
      outlet: r.outlet,
      title: r.title,
      sourceId: r.source_id,
      seenAt: r.seen_at,
    }));
  }
}
