/**
 * robots.txt, checked before an article page is fetched (RFC 9309), for the bot's product token (the
 * User-Agent up to its version: "newsbrief"). Each origin's robots.txt is fetched through the same
 * guarded fetch as everything else, with a small size and time limit, and cached:
 * - read (2xx): its rules, for 24 hours; a Crawl-delay (up to 10 s) is passed on to the host limiter;
 * - 4xx other than 429 (usually 404): there are no rules, every page may be fetched, for 24 hours;
 * - 429, 5xx, a network failure, a timeout or an oversized file: the site cannot say what it allows,
 *   so none of its pages is fetched, and robots.txt is asked again after an hour (or its Retry-After).
 * Feeds themselves are not checked: a feed is published to be read by feed readers.
 */
import robotsModule from "robots-parser";
import { FetchError, type FetchPolicy, safeFetch } from "./fetch.js";
import type { HostLimiter } from "./host-limit.js";

// The package is CommonJS: its default import is the parser function itself, which its types call `default`.
const robotsParser = robotsModule as unknown as typeof robotsModule.default;
type Rules = ReturnType<typeof robotsParser>;

export const ROBOTS_CACHE_MS = 24 * 3600_000;
export const ROBOTS_RETRY_MS = 3600_000;
const ROBOTS_MAX_BYTES = 512 * 1024;
const ROBOTS_TIMEOUT_MS = 10_000;
/** Longer Crawl-delays are cut to this, so one site cannot stall every poll for hours. */
export const MAX_CRAWL_DELAY_MS = 10_000;
/** Origins remembered at once; the oldest is forgotten first. */
const MAX_ORIGINS = 2000;

export type RobotsVerdict = { allowed: true; crawlDelayMs: number } | { allowed: false; reason: string };

interface Entry {
  expiresAt: number;
  /** null: no rules apply (robots.txt answered 4xx). */
  rules: Rules | null;
  /** Set when robots.txt could not be read: the origin's pages are not fetched until it can. */
  failure?: string;
}

/** A page not fetched because of robots.txt; its message says why. */
export class RobotsRefusal extends Error {}

/** The product token robots.txt groups are matched against: "newsbrief" in "newsbrief/0.1 (...)". */
export function productToken(userAgent: string): string {
  return /^[A-Za-z0-9_-]+/.exec(userAgent.trim())?.[0]?.toLowerCase() ?? "*";
}

export class RobotsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();

  /** `hosts` spaces the robots.txt request with the host's page requests. */
  constructor(private readonly hosts?: HostLimiter) {}

  /** Whether the bot may fetch `pageUrl`, and the Crawl-delay to keep for its host. */
  async check(pageUrl: string, policy: FetchPolicy, now: Date): Promise<RobotsVerdict> {
    const url = new URL(pageUrl);
    const entry = await this.entryFor(url, policy, now);
    if (entry.failure) return { allowed: false, reason: entry.failure };
    if (!entry.rules) return { allowed: true, crawlDelayMs: 0 };
    const agent = productToken(policy.userAgent);
    // undefined when the URL is not on the robots.txt's origin, which cannot happen here: read as allowed.
    if (entry.rules.isDisallowed(url.toString(), agent) === true)
      return { allowed: false, reason: `robots.txt of ${url.host} disallows it for ${agent}` };
    const delay = entry.rules.getCrawlDelay(agent);
    const crawlDelayMs =
      typeof delay === "number" && delay > 0 ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : 0;
    return { allowed: true, crawlDelayMs };
  }

  private async entryFor(url: URL, policy: FetchPolicy, now: Date): Promise<Entry> {
    const origin = url.origin;
    const cached = this.entries.get(origin);
    if (cached && cached.expiresAt > now.getTime()) return cached;
    // Pages of one site checked at once share one robots.txt request.
    let pending = this.pending.get(origin);
    if (!pending) {
      pending = this.load(origin, url.host, policy, now).finally(() => this.pending.delete(origin));
      this.pending.set(origin, pending);
    }
    const entry = await pending;
    this.entries.delete(origin);
    this.entries.set(origin, entry);
    if (this.entries.size > MAX_ORIGINS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry;
  }

  private async load(origin: string, host: string, policy: FetchPolicy, now: Date): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    const limits: FetchPolicy = {
      ...policy,
      maxBytes: Math.min(policy.maxBytes, ROBOTS_MAX_BYTES),
      timeoutMs: Math.min(policy.timeoutMs, ROBOTS_TIMEOUT_MS),
    };
    const request = () => safeFetch({ url: robotsUrl, expect: "robots" }, limits);
    const t = now.getTime();
    try {
      const fetched = await (this.hosts ? this.hosts.run(host, request) : request());
      const text = fetched.status === "ok" ? fetched.text : "";
      return { expiresAt: t + ROBOTS_CACHE_MS, rules: robotsParser(robotsUrl, text) };
    } catch (error) {
      const status = error instanceof FetchError ? error.details.httpStatus : undefined;
      if (status !== undefined && status >= 400 && status < 500 && status !== 429)
        return { expiresAt: t + ROBOTS_CACHE_MS, rules: null };
      const retryAfterMs = error instanceof FetchError ? (error.details.retryAfterSeconds ?? 0) * 1000 : 0;
      return {
        expiresAt: t + Math.min(Math.max(ROBOTS_RETRY_MS, retryAfterMs), ROBOTS_CACHE_MS),
        rules: null,
        failure: `robots.txt of ${host} could not be read (${(error as Error).message}), so the site's pages are not fetched for now`,
      };
    }
  }
}
