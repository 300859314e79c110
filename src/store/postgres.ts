/**
 * The PostgreSQL store (`DATABASE_URL=postgres://…`): the same migrations and behaviour as
 * SQLite, for several bot instances sharing one database. Migrations run under an advisory lock so
 * that instances starting together apply each one once.
 */
import pg from "pg";
import { UsageError } from "../core/errors.js";
import type { Article, ArticleAnalysis, Topic } from "../core/model.js";
import type { SourceStore } from "../sources/source.js";
import type { LedgerStore } from "./ledger.js";
import { MIGRATIONS } from "./migrations.js";
import { PgRunner } from "./pg-runner.js";
import {
  ARTICLE_COLUMNS,
  type ArticleRow,
  articleFilter,
  articleValues,
  type TopicRow,
  toArticle,
  toTopic,
} from "./rows.js";
import { SqlLedger } from "./sql-ledger.js";
import { SqlSources } from "./sql-sources.js";
import {
  type ArticlePage,
  type ArticleTerms,
  articleTermsOf,
  type Conversation,
  type Store,
} from "./store.js";

/** Arbitrary constant naming newsbrief's migration lock among other applications' advisory locks. */
const MIGRATION_LOCK = 7_346_221;

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

export async function openPostgresStore(
  url: string,
  options: { schema?: string } = {},
): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 5,
    connectionTimeoutMillis: 5_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client that loses its connection (server restart) must not crash the process.
  pool.on("error", () => {});
  const store = new PostgresStore(pool, redactUrl(url));
  try {
    if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, "")}"`);
    await store.migrate();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new UsageError(`The database ${redactUrl(url)} cannot be used: ${(error as Error).message}`);
  }
  return store;
}

export class PostgresStore implements Store {
  readonly ledger: LedgerStore;
  readonly sources: SourceStore;

  constructor(
    readonly pool: pg.Pool,
    readonly location: string,
  ) {
    this.ledger = new SqlLedger(new PgRunner(pool));
    this.sources = new SqlSources(new PgRunner(pool));
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    // As in PgRunner.batch: a connection lost while checked out must not end the process; the failed
    // query reports it, and the broken connection is discarded.
    const ignore = () => {};
    client.on("error", ignore);
    let failure: Error | undefined;
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
      );
      const applied = new Set(
        (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
          (r) => r.version,
        ),
      );
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await client.query("BEGIN");
        try {
          for (const sql of m.sql) await client.query(sql);
          await client.query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            [m.version, m.name, new Date().toISOString()],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw error;
        }
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
      client.off("error", ignore);
      client.release(failure);
    }
  }

  async upsertTopic(topic: Topic): Promise<void> {
    await this.pool.query(
      `INSERT INTO topics (id, title, description, keywords) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, keywords = excluded.keywords`,
      [topic.id, topic.title, topic.description, JSON.stringify(topic.keywords)],
    );
  }

  async getTopic(id: string): Promise<Topic | undefined> {
    const { rows } = await this.pool.query<TopicRow>("SELECT * FROM topics WHERE id = $1", [id]);
    return rows[0] && toTopic(rows[0]);
  }

  async listTopics(): Promise<Topic[]> {
    return (await this.pool.query<TopicRow>("SELECT * FROM topics ORDER BY id")).rows.map(toTopic);
  }

  async addArticle(a: Article): Promise<"added" | "duplicate"> {
    const result = await this.pool.query(
      `INSERT INTO articles (${ARTICLE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO NOTHING`,
      articleValues(a),
    );
    return result.rowCount === 0 ? "duplicate" : "added";
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const { rows } = await this.pool.query<ArticleRow>("SELECT * FROM articles WHERE id = $1", [id]);
    return rows[0] && toArticle(rows[0]);
  }

  async listArticles(
    filter: { topicId?: string; since?: string; arrivedAfter?: string } = {},
  ): Promise<Article[]> {
    const { where, params } = articleFilter(filter, (n) => `$${n}`);
    const sql = `SELECT * FROM articles ${where} ORDER BY published, id`;
    return (await this.pool.query<ArticleRow>(sql, params)).rows.map(toArticle);
  }

  async listArticleTerms(page: { after?: string; limit: number }): Promise<ArticlePage<ArticleTerms>> {
    const limit = Math.max(1, page.limit);
    const { rows } = await this.pool.query<Parameters<typeof articleTermsOf>[0]>(
      `SELECT id, topic_id, title, url, published, (analysis::json -> 'sentences')::text AS sentences
       FROM articles WHERE id > $1 ORDER BY id LIMIT $2`,
      [page.after ?? "", limit],
    );
    const items = rows.map(articleTermsOf);
    const last = items[items.length - 1];
    return rows.length >= limit && last ? { items, next: last.id } : { items };
  }

  async countArticles(topicId?: string): Promise<number> {
    const { rows } = topicId
      ? await this.pool.query("SELECT COUNT(*) AS n FROM articles WHERE topic_id = $1", [topicId])
      : await this.pool.query("SELECT COUNT(*) AS n FROM articles");
    return Number(rows[0].n);
  }

  async revision(): Promise<number> {
    // Articles are only ever added, so their number tells whether anything changed, across instances too.
    return this.countArticles();
  }

  async replaceAnalysis(id: string, analysis: ArticleAnalysis): Promise<void> {
    await this.pool.query("UPDATE articles SET analysis = $1 WHERE id = $2", [JSON.stringify(analysis), id]);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const { rows } = await this.pool.query("SELECT value FROM meta WHERE key = $1", [key]);
    return rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.pool.query(
      "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [key, value],
    );
  }

  async getConversation(id: string, now: Date): Promise<Conversation | undefined> {
    const { rows } = await this.pool.query("SELECT * FROM conversations WHERE id = $1 AND expires_at > $2", [
      id,
      now.toISOString(),
    ]);
    const row = rows[0];
    return row && { id: row.id, state: JSON.parse(row.state), expiresAt: row.expires_at };
  }

  async saveConversation(c: Conversation): Promise<void> {
    await this.pool.query(
      `INSERT INTO conversations (id, state, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at`,
      [c.id, JSON.stringify(c.state), c.expiresAt],
    );
    await this.pool.query("DELETE FROM conversations WHERE expires_at <= $1", [new Date().toISOString()]);
  }

  async appliedMigrations(): Promise<number[]> {
    const { rows } = await this.pool.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    return rows.map((r) => r.version);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
