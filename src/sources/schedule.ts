/**
 * When a source is polled next. Each URL has a stable offset within its interval (a hash of the URL),
 * so 500 feeds on a 10-minute interval are spread over the 10 minutes instead of firing in the same
 * second, and a restart keeps every feed's slot. Failures back off exponentially, never sooner than a
 * server's Retry-After.
 */
import { createHash } from "node:crypto";

/** Longest wait between two attempts, whatever the back-off or Retry-After say. */
export const MAX_BACKOFF_SECONDS = 24 * 3600;

export function offsetSeconds(url: string, intervalSeconds: number): number {
  const h = createHash("sha256").update(url).digest().readUInt32BE(0);
  return h % intervalSeconds;
}

/** The first slot of this URL strictly after `now`. */
export function nextSlot(url: string, intervalSeconds: number, now: Date): Date {
  const period = intervalSeconds * 1000;
  const offset = offsetSeconds(url, intervalSeconds) * 1000;
  const t = now.getTime();
  const k = Math.floor((t - offset) / period) + 1;
  return new Date(k * period + offset);
}

/** After `failures` failed polls in a row: the interval doubled per failure, at least Retry-After. */
export function retryAt(
  url: string,
  intervalSeconds: number,
  failures: number,
  now: Date,
  retryAfterSeconds?: number,
): Date {
  const backoff = Math.min(intervalSeconds * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_SECONDS);
  const wait = Math.min(Math.max(backoff, retryAfterSeconds ?? 0), MAX_BACKOFF_SECONDS);
  // The URL's first own slot at or after the wait, so that retries of many feeds stay spread.
  return nextSlot(url, intervalSeconds, new Date(now.getTime() + wait * 1000 - 1));
}

/** "10m", "1h", "90s", "2h30m" → seconds; undefined when unreadable. */
export function parseInterval(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (!/^(\d+\s*[smhd]\s*)+$/.test(t)) return undefined;
  let total = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)\s*([smhd])/g))
    total += Number(n) * { s: 1, m: 60, h: 3600, d: 86400 }[unit as "s" | "m" | "h" | "d"];
  return total;
}

export function formatInterval(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
