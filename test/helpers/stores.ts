/**
 * Every store test runs against each store: a real SQLite file, and a real PostgreSQL (each test in a
 * schema of its own) when a server is reachable. Without one, the PostgreSQL run is skipped with a
 * printed notice, never silently.
 */
import fs from "node:fs";
import pg from "pg";
import { openPostgresStore, type PostgresStore } from "../../src/store/postgres.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import type { Store } from "../../src/store/store.js";
import { tempDir } from "./cli.js";
import { withFakePassword, withoutPassword } from "./fake-secrets.js";

/** The test database, with the fake password when the URL has none (the local server trusts it anyway). */
export const POSTGRES_URL = withFakePassword(
  process.env.DATABASE_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/test",
);

let reachable: Promise<boolean> | undefined;

export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch (error) {
      console.warn(
        `PostgreSQL at ${withoutPassword(POSTGRES_URL)} is not reachable (${(error as Error).message}): its store tests are skipped.`,
      );
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export interface StoreFixture {
  store: Store;
  dispose(): Promise<void>;
  /** Open a second connection to the same data, as another process would. */
  reopen(): Promise<Store>;
}

export type StoreKind = "sqlite" | "postgres";

let schemaCounter = 0;

export async function openTestStore(kind: StoreKind): Promise<StoreFixture> {
  if (kind === "sqlite") {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    const others: Store[] = [];
    return {
      store,
      reopen: async () => {
        const s = openSqliteStore(dir);
        others.push(s);
        return s;
      },
      dispose: async () => {
        for (const s of [store, ...others]) await s.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `nb_test_${process.pid}_${Date.now()}_${schemaCounter++}`;
  const store = await openPostgresStore(POSTGRES_URL, { schema });
  const others: PostgresStore[] = [];
  return {
    store,
    reopen: async () => {
      const s = await openPostgresStore(POSTGRES_URL, { schema });
      others.push(s);
      return s;
    },
    dispose: async () => {
      for (const s of others) await s.close();
      await store.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await store.close();
    },
  };
}

/** The store kinds to run: SQLite always, PostgreSQL when reachable. */
export async function storeKinds(): Promise<StoreKind[]> {
  return (await postgresReachable()) ? ["sqlite", "postgres"] : ["sqlite"];
}
