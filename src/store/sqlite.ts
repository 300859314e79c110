/** The embedded store: one SQLite file (better-sqlite3, WAL) under the data directory. */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { UsageError } from "../core/errors.js";
import type { Article, ArticleAnalysis, Topic } from "../core/model.js";
import type { SourceStore } from "../sources/source.js";
import type { LedgerStore } from "./ledger.js";
import { MIGRATIONS } from "./migrations.js";
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
import { SqliteRunner } from "./sqlite-runner.js";
import {
  type ArticlePage,
  type ArticleTerms,
  articleTermsOf,
  type Conversation,
  type Store,
} from "./store.js";

/** Open (creating if needed) the database in `dataDir`; a directory or file that cannot be used is a UsageError naming it. */
export function openSqliteStore(dataDir: string): SqliteStore {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK);
  } catch (error) {
    throw new UsageError(
      `The data directory ${dataDir} cannot be used: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  const file = path.join(dataDir, "newsbrief.db");
  try {
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    const store = new SqliteStore(db, file);
    store.migrate();
    return store;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code ?? "";
    if (/NOTADB|CORRUPT|CANTOPEN|READONLY|IOERR/.test(code)) {
      throw new UsageError(
        `The database ${file} cannot be opened (${code}): it is corrupt, not a newsbrief database, or not writable.`,
      );
    }
    throw error;
  }
}

export class SqliteStore implements Store {
  readonly ledger: LedgerStore;
  readonly sources: SourceStore;

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {
    this.ledger = new SqlLedger(new SqliteRunner(db));
    this.sources = new SqlSources(new SqliteRunner(db));
  }

  migrate(): void {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const applied = new Set(
      (this.db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map(
        (r) => r.version,
      ),
    );
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        for (const sql of m.sql) this.db.exec(sql);
        this.db
          .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
          .run(m.version, m.name, new Date().toISOString());
      })();
    }
  }

  async upsertTopic(topic: Topic): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO topics (id, title, description, keywords) VALUES (@id, @title, @description, @keywords)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, keywords = excluded.keywords`,
      )
      .run({ ...topic, keywords: JSON.stringify(topic.keywords) });
  }

  async getTopic(id: string): Promise<Topic | undefined> {
    const row = this.db.prepare("SELECT * FROM topics WHERE id = ?").get(id) as TopicRow | undefined;
    return row && toTopic(row);
  }

  async listTopics(): Promise<Topic[]> {
    return (this.db.prepare("SELECT * FROM topics ORDER BY id").all() as TopicRow[]).map(toTopic);
  }

  async addArticle(a: Article): Promise<"added" | "duplicate"> {
    const result = this.db
      .prepare(
        `INSERT INTO articles (${ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(...articleValues(a));
    return result.changes === 0 ? "duplicate" : "added";
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const row = this.db.prepare("SELECT * FROM articles WHERE id = ?").get(id) as ArticleRow | undefined;
    return row && toArticle(row);
  }

  async listArticles(
    filter: { topicId?: string; since?: string; arrivedAfter?: string } = {},
  ): Promise<Article[]> {
    const { where, params } = articleFilter(filter, () => "?");
    const sql = `SELECT * FROM articles ${where} ORDER BY published, id`;
    return (this.db.prepare(sql).all(...params) as ArticleRow[]).map(toArticle);
  }

  async listArticleTerms(page: { after?: string; limit: number }): Promise<ArticlePage<ArticleTerms>> {
    const rows = this.db
      .prepare(
        `SELECT id, topic_id, title, url, published, json_extract(analysis, '$.sentences') AS sentences
         FROM articles WHERE id > ? ORDER BY id LIMIT ?`,
      )
      .all(page.after ?? "", Math.max(1, page.limit)) as Parameters<typeof articleTermsOf>[0][];
    const items = rows.map(articleTermsOf);
    const last = items[items.length - 1];
    return rows.length >= page.limit && last ? { items, next: last.id } : { items };
  }

  async countArticles(topicId?: string): Promise<number> {
    const row = (
      topicId
        ? this.db.prepare("SELECT COUNT(*) AS n FROM articles WHERE topic_id = ?").get(topicId)
        : this.db.prepare("SELECT COUNT(*) AS n FROM articles").get()
    ) as { n: number };
    return row.n;
  }

  async revision(): Promise<number> {
    // Other processes may write the same file, so read it from the table rather than count locally.
    const row = this.db.prepare("SELECT COALESCE(MAX(rowid), 0) AS r FROM articles").get() as { r: number };
    return row.r;
  }

  async replaceAnalysis(id: string, analysis: ArticleAnalysis): Promise<void> {
    this.db.prepare("UPDATE articles SET analysis = ? WHERE id = ?").run(JSON.stringify(analysis), id);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }

  async getConversation(id: string, now: Date): Promise<Conversation | undefined> {
    const row = this.db
      .prepare("SELECT * FROM conversations WHERE id = ? AND expires_at > ?")
      .get(id, now.toISOString()) as { id: string; state: string; expires_at: string } | undefined;
    return row && { id: row.id, state: JSON.parse(row.state), expiresAt: row.expires_at };
  }

  async saveConversation(c: Conversation): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO conversations (id, state, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at`,
      )
      .run(c.id, JSON.stringify(c.state), c.expiresAt);
    this.db.prepare("DELETE FROM conversations WHERE expires_at <= ?").run(new Date().toISOString());
  }

  async appliedMigrations(): Promise<number[]> {
    const rows = this.db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as {
      version: number;
    }[];
    return rows.map((r) => r.version);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
