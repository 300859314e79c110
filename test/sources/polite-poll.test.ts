/**
 * Polling as a good citizen of the sites it reads, into a real store (SQLite, and PostgreSQL when
 * reachable): pages robots.txt disallows are never requested (the feed's text stands in), robots.txt is
 * asked once per site within its cache time, a server error on it holds page fetches back until it is
 * asked again, and a burst of new items from several feeds of one site stays within the per-host limit.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_FETCH_POLICY } from "../../src/sources/fetch.js";
import { ROBOTS_CACHE_MS, ROBOTS_RETRY_MS } from "../../src/sources/robots.js";
import { DEFAULT_SOURCE_SETTINGS, SourceService, type SourceSettings } from "../../src/sources/service.js";
import type { Store } from "../../src/store/store.js";
import { openTestStore, type StoreFixture, storeKinds } from "../helpers/stores.js";
import { articlePage, FeedServer, rss, type TestItem } from "./feed-server.js";
import { story } from "./stories.js";

const kinds = await storeKinds();

const SETTINGS: SourceSettings = {
  ...DEFAULT_SOURCE_SETTINGS,
  policy: { ...DEFAULT_FETCH_POLICY, privateAddresses: true, timeoutMs: 2000, maxBytes: 1024 * 1024 },
  concurrency: 2,
  pagesPerHost: 2,
};

describe.each(kinds)("polite polling on %s", (kind) => {
  let fixture: StoreFixture;
  let store: Store;
  let server: FeedServer;
  let clock: Date;
  let service: SourceService;
  /** Feed path → its items, newest first. */
  const feeds = new Map<string, TestItem[]>();

  beforeEach(async () => {
    fixture = await openTestStore(kind);
    store = fixture.store;
    server = await new FeedServer().start();
    clock = new Date("2024-05-01T12:00:00Z");
    service = new SourceService(store, SETTINGS, undefined, () => clock);
    feeds.clear();
  });
  afterEach(async () => {
    await server.stop();
    await fixture.dispose();
  });

  function later(ms: number): void {
    clock = new Date(clock.getTime() + ms);
  }

  function serveFeed(path: string, items: TestItem[]): void {
    feeds.set(path, items);
    server.routes.set(path, (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(path, feeds.get(path) ?? []));
    });
  }

  function page(path: string, n: number): void {
    server.serve(path, articlePage(`Story ${n}`, story(n)), "text/html; charset=utf-8");
  }

  function item(path: string, n: number, description = `Short summary of story ${n}.`): TestItem {
    return { title: `Story ${n}: talks resume`, link: server.url(path), guid: path, description };
  }

  /** A source on `feedPath` with its quiet first poll done (an empty feed). */
  async function followed(feedPath: string): Promise<string> {
    serveFeed(feedPath, []);
    const { source } = await service.add({ url: server.url(feedPath), topics: ["libya"] });
    await service.poll(source.id);
    return source.id;
  }

  it("never requests a disallowed page: the feed's text is stored, or the item is recorded with why", async () => {
    server.serve("/robots.txt", "User-agent: newsbrief\nDisallow: /private/\n", "text/plain");
    page("/news/1", 1);
    page("/private/2", 2);
    page("/private/3", 3);
    const id = await followed("/wire.xml");
    later(600_000);
    serveFeed("/wire.xml", [
      item("/private/3", 3, ""),
      item("/private/2", 2, story(2).join(" ")),
      item("/news/1", 1),
    ]);
    const [report] = await service.poll(id);
    expect(report).toMatchObject({ fresh: 3, added: 2, rejected: 1 });
    expect(server.hits("/private/2")).toBe(0);
    expect(server.hits("/private/3")).toBe(0);
    expect(server.hits("/news/1")).toBe(1);
    const host = new URL(server.base).host;
    const items = await store.sources.listItems(id);
    const byKey = (key: string) => items.find((i) => i.itemKey === key);
    expect(byKey("/private/2")).toMatchObject({
      status: "added",
      reason: `page not read (robots.txt of ${host} disallows it for newsbrief); the feed's text was used`,
    });
    expect(byKey("/private/3")?.status).toBe("rejected");
    expect(byKey("/private/3")?.reason).toMatch(
      /^the article has no text to brief \(only a title\); page not read \(robots\.txt of .* disallows it for newsbrief\)/,
    );
    expect(byKey("/news/1")).toMatchObject({ status: "added", reason: null });
    const stored = await store.listArticles({ topicId: "libya" });
    expect(stored.find((a) => a.title.startsWith("Story 2"))?.body).toContain(
      (story(2)[3] as string).slice(0, 50),
    );
  });

  it("asks robots.txt once per site across polls within its cache time; a 404 there allows every page", async () => {
    const id = await followed("/wire.xml");
    await followed("/other.xml");
    const fetched: string[] = [];
    for (let n = 1; n <= 3; n++) {
      later(600_000);
      page(`/admin/${n}`, n);
      page(`/other/${n}`, n + 10);
      fetched.push(`/admin/${n}`, `/other/${n}`);
      serveFeed("/wire.xml", [item(`/admin/${n}`, n)]);
      serveFeed("/other.xml", [item(`/other/${n}`, n + 10)]);
      const reports = await service.poll();
      expect(reports.map((r) => r.added)).toEqual([1, 1]);
    }
    for (const path of fetched) expect(server.hits(path), path).toBe(1);
    expect(server.hits("/robots.txt")).toBe(1);
    later(ROBOTS_CACHE_MS);
    page("/admin/4", 4);
    serveFeed("/wire.xml", [item("/admin/4", 4)]);
    await service.poll(id);
    expect(server.hits("/robots.txt")).toBe(2);
    expect(server.hits("/admin/4")).toBe(1);
  });

  it("fetches no page while robots.txt answers 500, and asks it again later", async () => {
    let broken = true;
    server.routes.set("/robots.txt", (_req, res) => {
      if (broken) return void res.writeHead(500).end();
      res.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nAllow: /\n");
    });
    page("/news/1", 1);
    page("/news/2", 2);
    const id = await followed("/wire.xml");
    later(600_000);
    serveFeed("/wire.xml", [item("/news/1", 1, story(1).join(" "))]);
    const [first] = await service.poll(id);
    expect(first).toMatchObject({ added: 1 });
    expect(server.hits("/news/1")).toBe(0);
    const [recorded] = await store.sources.listItems(id);
    expect(recorded?.reason).toMatch(
      /^page not read \(robots\.txt of .* could not be read \(HTTP 500 Internal Server Error\), so the site's pages are not fetched for now\); the feed's text was used$/,
    );
    expect(server.hits("/robots.txt")).toBe(1);

    broken = false;
    later(ROBOTS_RETRY_MS);
    serveFeed("/wire.xml", [item("/news/2", 2), item("/news/1", 1, story(1).join(" "))]);
    const [second] = await service.poll(id);
    expect(second).toMatchObject({ fresh: 1, added: 1 });
    expect(server.hits("/robots.txt")).toBe(2);
    expect(server.hits("/news/2")).toBe(1);
  });

  it("keeps a burst of new items from several feeds of one site within the per-host limit", async () => {
    let inFlight = 0;
    let most = 0;
    const feedPaths = ["/a.xml", "/b.xml"];
    for (const path of feedPaths) await followed(path);
    for (const [f, path] of feedPaths.entries()) {
      const items: TestItem[] = [];
      for (let n = 0; n < 10; n++) {
        const pagePath = `/burst/${f}/${n}`;
        const body = articlePage(`Story ${f * 10 + n}`, story(f * 10 + n));
        server.routes.set(pagePath, (_req, res) => {
          inFlight++;
          most = Math.max(most, inFlight);
          // Held a moment, so that requests not kept apart by the limit would overlap.
          setTimeout(() => {
            inFlight--;
            res.writeHead(200, { "content-type": "text/html" }).end(body);
          }, 25);
        });
        items.unshift(item(pagePath, f * 10 + n));
      }
      serveFeed(path, items);
    }
    later(600_000);
    const reports = await service.poll();
    expect(reports.map((r) => r.fresh)).toEqual([10, 10]);
    expect(server.requests.filter((r) => r.path.startsWith("/burst/"))).toHaveLength(20);
    // Two feeds polled at once, each fetching up to 4 pages at once, and still two at a time for the host.
    expect(most).toBe(2);
  });
});
