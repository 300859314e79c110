/**
 * The little SQL both stores share for the ledger: statements written once with `@name` parameters,
 * run by better-sqlite3 as they are and by pg after numbering them `$1, $2, …`.
 */
export interface SqlRunner {
  readonly dialect: "sqlite" | "postgres";
  all<T>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: Record<string, unknown>): Promise<number>;
  /** Runs the statements in one transaction, all or none; resolves to the rows each changed. */
  batch(statements: { sql: string; params?: Record<string, unknown> }[]): Promise<number[]>;
}

/** `@name` placeholders to `$n`, and the matching positional values. */
export function numberParameters(
  sql: string,
  params: Record<string, unknown> = {},
): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text, values: order.map((name) => params[name] ?? null) };
}

/** Only the parameters a statement names, with undefined as null and booleans as 0/1 (SQLite binds no others). */
export function namedParameters(sql: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [, name] of sql.matchAll(/@([A-Za-z_]\w*)/g)) {
    const v = params[name as string];
    out[name as string] = v === undefined ? null : typeof v === "boolean" ? (v ? 1 : 0) : v;
  }
  return out;
}
