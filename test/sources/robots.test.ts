/**
 * robots.txt as the page fetcher reads it, from a local server: groups matched on the bot's product
 * token, one request per origin within the cache time, 404 as "everything allowed", a server error as
 * "nothing for now" until it is asked again; and the per-host limit with a Crawl-delay's spacing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_FETCH_POLICY, type FetchPolicy } from "../../src/sources/fetch.js";
import { HostLimiter } from "../../src/sources/host-limit.js";
import {
  MAX_CRAWL_DELAY_MS,
  productToken,
  ROBOTS_CACHE_MS,
  ROBOTS_RETRY_MS,
  RobotsCache,
} from "../../src/sources/robots.js";
import { FeedServer } from "./feed-server.js";

const POLICY: FetchPolicy = { ...DEFAULT_FETCH_POLICY, privateAddresses: true, timeoutMs: 2000 };
const T0 = new Date("2024-05-01T12:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

let server: FeedServer;
beforeEach(async () => {
  server = await new FeedServer().start();
});
afterEach(() => server.stop());

function robots(text: string): void {
  server.serve("/robots.txt", text, "text/plain");
}

describe("robots.txt", () => {
  it("matches groups on the bot's product token, and falls back to the * group for others", async () => {
    expect(productToken(DEFAULT_FETCH_POLICY.userAgent)).toBe("newsbrief");
    robots(
      "User-agent: *\nDisallow: /\n\nUser-agent: NewsBrief\nDisallow: /private/\nAllow: /private/open\n",
    );
    const cache = new RobotsCache();
    expect(await cache.check(server.url("/news/1"), POLICY, T0)).toEqual({ allowed: true, crawlDelayMs: 0 });
    expect(await cache.check(server.url("/private/open"), POLICY, T0)).toMatchObject({ allowed: true });
    const refused = await cache.check(server.url("/private/x?id=1"), POLICY, T0);
    expect(refused).toEqual({
      allowed: false,
      reason: `robots.txt of ${new URL(server.base).host} disallows it for newsbrief`,
    });
    // Another bot's token falls under "*", which disallows everything.
    const other = { ...POLICY, userAgent: "otherbot/2.0" };
    expect(await new RobotsCache().check(server.url("/news/1"), other, T0)).toMatchObject({ allowed: false });
    expect(server.requests[0]?.headers["user-agent"]).toBe(DEFAULT_FETCH_POLICY.userAgent);
  });

  it("asks once per origin within the cache time, even for pages checked at once", async () => {
    robots("User-agent: *\nDisallow: /private/\n");
    const cache = new RobotsCache();
    const verdicts = await Promise.all(
      ["/a", "/b", "/private/c", "/d"].map((p) => cache.check(server.url(p), POLICY, T0)),
    );
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, false, true]);
    await cache.check(server.url("/e"), POLICY, at(ROBOTS_CACHE_MS - 1000));
    expect(server.hits("/robots.txt")).toBe(1);
    await cache.check(server.url("/e"), POLICY, at(ROBOTS_CACHE_MS + 1000));
    expect(server.hits("/robots.txt")).toBe(2);
  });

  it("allows everything when robots.txt is 404, and remembers that", async () => {
    const cache = new RobotsCache();
    for (const path of ["/", "/private/x", "/admin"])
      expect(await cache.check(server.url(path), POLICY, T0)).toEqual({ allowed: true, crawlDelayMs: 0 });
    expect(server.hits("/robots.txt")).toBe(1);
  });

  it("fetches no page while robots.txt answers 500, and asks again after the retry time", async () => {
    let broken = true;
    server.routes.set("/robots.txt", (_req, res) => {
      if (broken) return void res.writeHead(500).end("down");
      res.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nDisallow: /private/\n");
    });
    const cache = new RobotsCache();
    const first = await cache.check(server.url("/news/1"), POLICY, T0);
    expect(first.allowed).toBe(false);
    expect(first.allowed === false && first.reason).toMatch(
      /^robots\.txt of 127\.0\.0\.1:\d+ could not be read \(HTTP 500 Internal Server Error\)/,
    );
    broken = false;
    expect((await cache.check(server.url("/news/1"), POLICY, at(ROBOTS_RETRY_MS - 1000))).allowed).toBe(
      false,
    );
    expect(server.hits("/robots.txt")).toBe(1);
    expect((await cache.check(server.url("/news/1"), POLICY, at(ROBOTS_RETRY_MS + 1000))).allowed).toBe(true);
    expect(server.hits("/robots.txt")).toBe(2);
  });

  it("treats 429 and an unreachable server as errors, and 403 as no rules", async () => {
    server.routes.set("/robots.txt", (_req, res) => res.writeHead(429).end());
    expect((await new RobotsCache().check(server.url("/a"), POLICY, T0)).allowed).toBe(false);
    server.routes.set("/robots.txt", (_req, res) => res.writeHead(403).end());
    expect((await new RobotsCache().check(server.url("/a"), POLICY, T0)).allowed).toBe(true);
    const gone = `http://127.0.0.1:${await closedPort()}/a`;
    const verdict = await new RobotsCache().check(gone, POLICY, T0);
    expect(verdict.allowed === false && verdict.reason).toMatch(/refused the connection/);
  });

  it("passes on a Crawl-delay, cut to the longest it honours", async () => {
    robots("User-agent: newsbrief\nCrawl-delay: 1.5\n");
    expect(await new RobotsCache().check(server.url("/a"), POLICY, T0)).toEqual({
      allowed: true,
      crawlDelayMs: 1500,
    });
    robots("User-agent: *\nCrawl-delay: 3600\n");
    expect(await new RobotsCache().check(server.url("/a"), POLICY, T0)).toEqual({
      allowed: true,
      crawlDelayMs: MAX_CRAWL_DELAY_MS,
    });
  });
});

async function closedPort(): Promise<number> {
  const other = await new FeedServer().start();
  const port = Number(new URL(other.base).port);
  await other.stop();
  return port;
}

describe("the per-host limit", () => {
  /** Runs one short task per entry of `hosts`, all at once; the most that ran at once for each host. */
  async function peak(limiter: HostLimiter, hosts: string[]): Promise<Record<string, number>> {
    const active: Record<string, number> = {};
    const highest: Record<string, number> = {};
    await Promise.all(
      hosts.map((host) =>
        limiter.run(host, async () => {
          active[host] = (active[host] ?? 0) + 1;
          highest[host] = Math.max(highest[host] ?? 0, active[host] ?? 0);
          await new Promise((r) => setTimeout(r, 5));
          active[host] = (active[host] ?? 0) - 1;
        }),
      ),
    );
    return highest;
  }

  it("keeps each host to its limit while other hosts go on", async () => {
    const limiter = new HostLimiter(2);
    const hosts = [...Array(12).fill("a.example"), ...Array(12).fill("B.example"), "c.example"];
    expect(await peak(limiter, hosts)).toEqual({ "a.example": 2, "B.example": 2, "c.example": 1 });
    expect(limiter.inFlight("a.example")).toBe(0);
    const failing = limiter.run("a.example", async () => {
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    expect(limiter.inFlight("a.example")).toBe(0);
  });

  it("runs one at a time, spaced by the Crawl-delay, when the host asks for one", async () => {
    const limiter = new HostLimiter(4);
    const starts: number[] = [];
    await Promise.all(
      [0, 1, 2].map(() =>
        limiter.run(
          "slow.example",
          async () => {
            starts.push(Date.now());
          },
          150,
        ),
      ),
    );
    expect(starts).toHaveLength(3);
    // Timers may fire a millisecond early; the gaps are never much shorter than the delay.
    for (let i = 1; i < starts.length; i++)
      expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThanOrEqual(140);
  });
});
