/**
 * SqlRunner over better-sqlite3. A batch is one synchronous transaction: nothing else in the process
 * can run inside it, and other processes wait on the file lock (busy timeout).
 */
import type Database from "better-sqlite3";
import { namedParameters, type SqlRunner } from "./sql.js";

export class SqliteRunner implements SqlRunner {
  readonly dialect = "sqlite" as const;

  constructor(private readonly db: Database.Database) {}

  async all<T>(sql: string, params?: Record<string, unknown>): Promise<T[]> {
    return this.db.prepare(sql).all(namedParameters(sql, params)) as T[];
  }

  async run(sql: string, params?: Record<string, unknown>): Promise<number> {
    return this.db.prepare(sql).run(namedParameters(sql, params)).changes;
  }

  async batch(statements: { sql: string; params?: Record<string, unknown> }[]): Promise<number[]> {
    const runAll = this.db.transaction(() =>
      statements.map(({ sql, params }) => this.db.prepare(sql).run(namedParameters(sql, params)).changes),
    );
    return runAll.immediate();
  }
}
