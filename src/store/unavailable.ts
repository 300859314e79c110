/**
 * Whether a store error says the database could not be reached (a restart, a failover, a dropped
 * connection) rather than that the statement failed: the same statement may well succeed shortly.
 */

/** Node's network errors, and PostgreSQL's: shutting down (57P01–57P03), too many connections (53300). */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** What pg says when a connection ended or never came, where the error carries no code. */
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed/;

export function isStoreUnreachable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  // SQLSTATE class 08: connection exceptions.
  if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  return typeof message === "string" && UNREACHABLE_MESSAGES.test(message);
}
