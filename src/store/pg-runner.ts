/** SqlRunner over a pg pool: `@name` parameters numbered for PostgreSQL, batches in one transaction on one client. */
import type pg from "pg";
import { numberParameters, type SqlRunner } from "./sql.js";

export class PgRunner implements SqlRunner {
  readonly dialect = "postgres" as const;

  constructor(private readonly pool: pg.Pool) {}

  async all<T>(sql: string, params?: Record<string, unknown>): Promise<T[]> {
    const { text, values } = numberParameters(sql, params);
    return (await this.pool.query(text, values)).rows as T[];
  }

  async run(sql: string, params?: Record<string, unknown>): Promise<number> {
    const { text, values } = numberParameters(sql, params);
    return (await this.pool.query(text, values)).rowCount ?? 0;
  }

  async batch(statements: { sql: string; params?: Record<string, unknown> }[]): Promise<number[]> {
    const client = await this.pool.connect();
    // A connection lost while the client is checked out (a server restart) is emitted on the client
    // too; with no listener that would end the process. The failed query reports it to the caller.
    const ignore = () => {};
    client.on("error", ignore);
    let failure: Error | undefined;
    try {
      await client.query("BEGIN");
      const changes: number[] = [];
      for (const { sql, params } of statements) {
        const { text, values } = numberParameters(sql, params);
        changes.push((await client.query(text, values)).rowCount ?? 0);
      }
      await client.query("COMMIT");
      return changes;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.off("error", ignore);
      // After a failure the connection may be broken: the pool discards it rather than hand it out again.
      client.release(failure);
    }
  }
}
