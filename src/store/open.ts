/** The store the configuration asks for: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file. */
import type { Config } from "../config.js";
import { openPostgresStore } from "./postgres.js";
import { openSqliteStore } from "./sqlite.js";
import type { Store } from "./store.js";

export async function openStore(config: Pick<Config, "dataDir" | "databaseUrl">): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl);
  return openSqliteStore(config.dataDir);
}
