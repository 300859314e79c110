/**
 * Polling feeds from a local server into a real store (SQLite, and PostgreSQL when reachable): the
 * quiet first poll, new items with their pages, conditional GET, duplicates across feeds, routing,
 * and every hostile case ending in a clear status with stored articles untouched.
 */
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_FETCH_POLICY } from "../../src/sources/fetch.js";
import { SEEN_ITEMS_KEPT_DAYS } from "../../src/sources/poll.js";
import { DEFAULT_SOURCE_SETTINGS, SourceService, type SourceSettings } from "../../src/sources/service.js";
import type { Store } from "../../src/store/store.js";
import { openTestStore, type StoreFixture, storeKinds } from "../helpers/stores.js";
import { articlePage, FeedServer, rss, type TestItem } from "./feed-server.js";
import { reprint, story } from "./stories.js";

const kinds = await storeKinds();
const server = new FeedServer();
/** Feed path → its items, newest first, as the server currently serves them. */
const feeds = new Map<string, { title: string; items: TestItem[]; etag?: string }>();

const SETTINGS: SourceSettings = {
  ...DEFAULT_SOURCE_SETTINGS,
  policy: { ...DEFAULT_FETCH_POLICY, privateAddresses: true, timeoutMs: 2000, maxBytes: 1024 * 1024 },
  failureLimit: 3,
  concurrency: 2,
};

function servePage(path: string, title: string, paragraphs: string[]): void {
  server.serve(path, articlePage(title, paragraphs, { site: "Test News" }), "text/html; charset=utf-8");
}

function serveFeed(path: string, title: string, items: TestItem[], etag?: string): void {
  feeds.set(path, { title, items, etag });
  server.routes.set(path, (req, res) => {
    const feed = feeds.get(path);
    if (!feed) return void res.writeHead(404).end();
    if (feed.etag && req.headers["if-none-match"] === feed.etag) return void res.writeHead(304).end();
    res
      .writeHead(200, { "content-type": "application/rss+xml", ...(feed.etag ? { etag: feed.etag } : {}) })
      .end(rss(feed.title, feed.items));
  });
}

function item(n: number, prefix = "/story"): TestItem {
  return {
    title: `Story ${n}: talks resume`,
    link: server.url(`${prefix}/${n}?utm_source=rss`),
    guid: `${prefix}-${n}`,
    description: `Short summary of story ${n}.`,
    pubDate: new Date(Date.UTC(2024, 4, 1, n)).toISOString(),
  };
}

beforeAll(async () => {
  await server.start();
  for (let n = 0; n < 12; n++) servePage(`/story/${n}`, `Story ${n}`, story(n));
});
afterAll(() => server.stop());

describe.each(kinds)("polling on %s", (kind) => {
  let fixture: StoreFixture;
  let store: Store;
  let clock: Date;
  let service: SourceService;

  beforeEach(async () => {
    fixture = await openTestStore(kind);
    store = fixture.store;
    clock = new Date("2024-05-01T12:00:00Z");
    service = new SourceService(store, SETTINGS, undefined, () => clock);
    feeds.clear();
  });
  afterEach(() => fixture.dispose());

  function later(minutes: number): Date {
    clock = new Date(clock.getTime() + minutes * 60_000);
    return clock;
  }

  it("forgets items long gone from the feed, keeps those it still lists, and never takes them for new", async () => {
    serveFeed("/long.xml", "Long Runner", [item(1), item(0)]);
    const { source } = await service.add({ url: server.url("/long.xml"), topics: ["libya"] });
    await service.poll(source.id);
    later(10);
    serveFeed("/long.xml", "Long Runner", [item(2), item(1)]);
    const [second] = await service.poll(source.id);
    expect(second).toMatchObject({ fresh: 1, added: 1 });

    // Half a year on, item 0 is long gone from the feed; item 1 is still listed.
    later((SEEN_ITEMS_KEPT_DAYS + 1) * 24 * 60);
    serveFeed("/long.xml", "Long Runner", [item(3), item(1)]);
    const [third] = await service.poll(source.id);
    expect(third).toMatchObject({ items: 2, fresh: 1, added: 1 });
    const keys = (await store.sources.listItems(source.id)).map((i) => i.itemKey).sort();
    expect(keys).toEqual(["/story-1", "/story-3"]);

    // The next poll still knows every item the feed lists.
    later(10);
    const [fourth] = await service.poll(source.id);
    expect(fourth).toMatchObject({ items: 2, fresh: 0, added: 0 });
    expect(await store.countArticles("libya")).toBe(2);
  });

  it("records the first poll's items without adding them, then adds only new items with their page text", async () => {
    serveFeed("/wire.xml", "Wire One", [item(1), item(0)]);
    const { source } = await service.add({ url: server.url("/wire.xml"), topics: ["libya"] });
    expect(source.status).toBe("new");
    const [baseline] = await service.poll(source.id);
    expect(baseline).toMatchObject({ outcome: "baseline", items: 2, fresh: 2, added: 0 });
    expect(await store.countArticles("libya")).toBe(0);
    expect((await store.sources.listItems(source.id)).map((i) => i.status)).toEqual(["baseline", "baseline"]);

    const before = later(10).toISOString();
    later(1);
    serveFeed("/wire.xml", "Wire One", [item(3), item(2), item(1), item(0)]);
    const [second] = await service.poll(source.id);
    expect(second).toMatchObject({ outcome: "updated", items: 4, fresh: 2, added: 2 });
    const fresh = await store.listArticles({ topicId: "libya", arrivedAfter: before });
    expect(fresh.map((a) => a.title).sort()).toEqual(["Story 2: talks resume", "Story 3: talks resume"]);
    const a2 = fresh.find((a) => a.title.startsWith("Story 2")) ?? fresh[0];
    // The page's article, not the feed's one-line summary; the link without its tracking parameter.
    expect(a2?.body).toContain((story(2)[4] as string).slice(0, 60));
    expect(a2?.url).toBe(server.url("/story/2"));
    expect(a2?.source).toBe("Wire One");
    expect(a2?.published).toBe("2024-05-01T02:00:00.000Z");

    later(10);
    const [third] = await service.poll(source.id);
    expect(third).toMatchObject({ outcome: "updated", fresh: 0, added: 0 });
    const listed = await service.list("libya");
    expect(listed[0]).toMatchObject({
      status: "ok",
      title: "Wire One",
      itemsSeen: 4,
      articlesAdded: 2,
      failures: 0,
    });
  });

  it("asks with If-None-Match and does nothing more on 304 Not Modified", async () => {
    serveFeed("/etag.xml", "Etag Wire", [item(0)], '"e1"');
    const { source } = await service.add({ url: server.url("/etag.xml"), topics: ["libya"] });
    await service.poll(source.id);
    later(10);
    const [report] = await service.poll(source.id);
    expect(report?.outcome).toBe("not-modified");
    const last = server.requests.filter((r) => r.path === "/etag.xml").at(-1);
    expect(last?.headers["if-none-match"]).toBe('"e1"');
  });

  it("keeps one article for the same link in two feeds, and one story with two outlets for a reprint", async () => {
    servePage("/a/wire", "Ceasefire talks", story(7));
    servePage("/b/reprint", "Ceasefire talks resume", reprint(story(7)));
    serveFeed("/a.xml", "Outlet A", []);
    serveFeed("/b.xml", "Outlet B", []);
    const a = (await service.add({ url: server.url("/a.xml"), topics: ["libya"] })).source;
    const b = (await service.add({ url: server.url("/b.xml"), topics: ["libya"] })).source;
    await service.poll();
    later(10);
    const shared = { ...item(4), guid: "b-4", link: server.url("/story/4?utm_campaign=b&fbclid=1") };
    serveFeed("/a.xml", "Outlet A", [
      item(4),
      { title: "Talks", link: server.url("/a/wire"), guid: "a-wire", description: "x" },
    ]);
    serveFeed("/b.xml", "Outlet B", [
      shared,
      { title: "Talks resume", link: server.url("/b/reprint"), guid: "b-reprint", description: "x" },
    ]);
    const pageHits = server.hits("/story/4");
    const [ra] = await service.poll(a.id);
    expect(ra).toMatchObject({ added: 2 });
    const [rb] = await service.poll(b.id);
    expect(rb).toMatchObject({ added: 0, duplicates: 1, nearDuplicates: 1 });
    expect(await store.countArticles("libya")).toBe(2);
    const items = await store.sources.listItems(b.id);
    const reprinted = items.find((i) => i.itemKey === "b-reprint");
    expect(reprinted?.status).toBe("near-duplicate");
    const outlets = await store.sources.listStorySources(reprinted?.articleId as string);
    expect(outlets.map((o) => [o.outlet, o.url])).toEqual([
      ["Outlet A", server.url("/a/wire")],
      ["Outlet B", server.url("/b/reprint")],
    ]);
    // The page for the shared link was fetched once: the second feed knew the link already.
    expect(server.hits("/story/4") - pageHits).toBe(1);
  });

  it("routes items of a shared feed to the topic they are about, and ignores those about neither", async () => {
    await store.upsertTopic({
      id: "libya",
      title: "Libya ceasefire",
      description: "",
      keywords: ["Libya", "Tripoli"],
    });
    await store.upsertTopic({
      id: "sudan",
      title: "Sudan war",
      description: "",
      keywords: ["Sudan", "Khartoum"],
    });
    const para = (place: string, n: number) =>
      Array.from(
        { length: 4 },
        (_, i) =>
          `${i === 0 ? place : "The city"} saw new developments on day ${n + i}, officials said in a statement. ` +
          `Residents reported queues for bread and fuel in neighbourhood ${n * 10 + i}, and schools stayed closed.`,
      );
    servePage("/r/1", "x", para("Tripoli in Libya", 1));
    servePage("/r/2", "x", para("Khartoum in Sudan", 2));
    servePage("/r/3", "x", para("Manchester", 3));
    serveFeed("/mixed.xml", "Mixed", []);
    const { source } = await service.add({ url: server.url("/mixed.xml"), topics: ["libya"] });
    await service.add({ url: server.url("/mixed.xml"), topics: ["sudan"] });
    expect((await service.get(source.id))?.topics).toEqual(["libya", "sudan"]);
    await service.poll(source.id);
    later(10);
    serveFeed("/mixed.xml", "Mixed", [
      { title: "Libya: Tripoli queues grow", link: server.url("/r/1"), guid: "r1" },
      { title: "Khartoum shelling resumes", link: server.url("/r/2"), guid: "r2" },
      { title: "Football: cup final tonight", link: server.url("/r/3"), guid: "r3" },
    ]);
    const [report] = await service.poll(source.id);
    expect(report).toMatchObject({ added: 2, ignored: 1 });
    expect((await store.listArticles({ topicId: "libya" })).map((a) => a.title)).toEqual([
      "Libya: Tripoli queues grow",
    ]);
    expect((await store.listArticles({ topicId: "sudan" })).map((a) => a.title)).toEqual([
      "Khartoum shelling resumes",
    ]);
    const ignored = (await store.sources.listItems(source.id)).find((i) => i.itemKey === "r3");
    expect(ignored).toMatchObject({ status: "ignored", reason: "matches none of the topics" });
  });

  it("marks hostile feeds failing with a clear reason, leaving other sources and stored articles alone", async () => {
    serveFeed("/good.xml", "Good", [item(0)]);
    server.serve(
      "/malformed.xml",
      "<rss version='2.0'><channel><item><title>x</title></chan",
      "application/rss+xml",
    );
    server.serve("/page.html", "<!doctype html><html><body><p>Welcome</p></body></html>", "text/html");
    server.serve(
      "/bomb.xml",
      zlib.gzipSync(Buffer.alloc(30 * 1024 * 1024), { level: 9 }),
      "application/rss+xml",
      {
        "content-encoding": "gzip",
      },
    );
    server.routes.set("/never-ends.xml", (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const timer = setInterval(() => res.write(" "), 200);
      res.on("close", () => clearInterval(timer));
    });
    server.serve("/image.xml", Buffer.from([1, 2, 3]), "image/jpeg");
    const good = (await service.add({ url: server.url("/good.xml"), topics: ["libya"] })).source;
    await service.poll(good.id);
    later(10);
    serveFeed("/good.xml", "Good", [item(1), item(0)]);
    await service.poll(good.id);
    expect(await store.countArticles()).toBe(1);

    const expected: Record<string, RegExp> = {
      "/malformed.xml": /^the feed is malformed/,
      "/page.html": /^the address is a web page, not a feed/,
      "/bomb.xml": /^the response is over the 1 MB limit once decompressed$/,
      "/never-ends.xml": /^no complete response within 2 s$/,
      "/image.xml": /^the server sent image\/jpeg, not a feed$/,
      "/missing.xml": /^HTTP 404 Not Found$/,
    };
    const ids = new Map<string, string>();
    for (const path of Object.keys(expected))
      ids.set(path, (await service.add({ url: server.url(path), topics: ["libya"] })).source.id);
    later(10);
    const reports = await service.poll();
    expect(reports).toHaveLength(Object.keys(expected).length + 1);
    for (const [path, pattern] of Object.entries(expected)) {
      const s = await service.get(ids.get(path) as string);
      expect(s?.status, path).toBe("failing");
      expect(s?.statusReason, path).toMatch(pattern);
      expect(s?.failures).toBe(1);
    }
    expect((await service.get(good.id))?.status).toBe("ok");
    expect(await store.countArticles()).toBe(1);
  });

  it("backs off, disables after repeated failures with the reason, and comes back when polled by hand", async () => {
    let broken = true;
    server.routes.set("/flaky.xml", (_req, res) => {
      if (broken) return void res.writeHead(500, { "content-type": "text/plain" }).end("oops");
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss("Flaky", [item(0)]));
    });
    const { source } = await service.add({
      url: server.url("/flaky.xml"),
      topics: ["libya"],
      intervalSeconds: 600,
    });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const due = await store.sources.getSource(source.id);
      clock = new Date(Math.max(clock.getTime(), Date.parse(due?.nextPollAt as string)));
      const [report] = await service.pollDue(10);
      waits.push((Date.parse(report?.nextPollAt as string) - clock.getTime()) / 1000);
      expect(report?.outcome).toBe(i < 2 ? "failed" : "disabled");
    }
    expect(waits[0]).toBeGreaterThanOrEqual(600);
    expect(waits[1]).toBeGreaterThanOrEqual(1200);
    const disabled = await service.get(source.id);
    expect(disabled).toMatchObject({ status: "disabled", failures: 3 });
    expect(disabled?.statusReason).toBe(
      "stopped after 3 failed polls in a row; last error: HTTP 500 Internal Server Error",
    );
    // A disabled source is not polled on schedule any more.
    later(60 * 24 * 3);
    expect(await service.pollDue(10)).toEqual([]);
    broken = false;
    const [manual] = await service.poll(source.id);
    expect(manual?.outcome).toBe("baseline");
    expect(await service.get(source.id)).toMatchObject({ status: "ok", failures: 0, statusReason: null });
  });

  it("waits as long as Retry-After says, and disables a feed that is gone (410) at once", async () => {
    server.routes.set("/limited.xml", (_req, res) => res.writeHead(429, { "retry-after": "7200" }).end());
    server.routes.set("/gone.xml", (_req, res) => res.writeHead(410).end());
    const limited = (await service.add({ url: server.url("/limited.xml"), topics: ["libya"] })).source;
    const gone = (await service.add({ url: server.url("/gone.xml"), topics: ["libya"] })).source;
    await service.poll();
    const l = await service.get(limited.id);
    expect(Date.parse(l?.nextPollAt as string) - clock.getTime()).toBeGreaterThanOrEqual(7200_000);
    expect(l?.status).toBe("failing");
    const g = await service.get(gone.id);
    expect(g?.status).toBe("disabled");
    expect(g?.statusReason).toBe("the feed is gone (HTTP 410 Gone); remove it or add its new address");
  });

  it("uses the feed's text when the article page cannot be read, and never fetches a refused address", async () => {
    const text = story(9).join(" ");
    serveFeed("/fallback.xml", "Fallback", []);
    const only127: SourceSettings = {
      ...SETTINGS,
      policy: { ...SETTINGS.policy, privateAddresses: ["127.0.0.1/32"] },
    };
    const strict = new SourceService(store, only127, undefined, () => clock);
    const { source } = await strict.add({ url: server.url("/fallback.xml"), topics: ["libya"] });
    await strict.poll(source.id);
    later(10);
    serveFeed("/fallback.xml", "Fallback", [
      { title: "Metadata", link: "http://169.254.169.254/latest/meta-data/", guid: "m", description: text },
      {
        title: "Missing page",
        link: server.url("/no-such-page"),
        guid: "n",
        description: story(10).join(" "),
      },
    ]);
    const [report] = await strict.poll(source.id);
    expect(report).toMatchObject({ added: 2 });
    const items = await store.sources.listItems(source.id);
    expect(items.find((i) => i.itemKey === "m")?.reason).toMatch(
      /refused: 169\.254\.169\.254 is a link-local address/,
    );
    expect(items.find((i) => i.itemKey === "n")?.reason).toMatch(/HTTP 404/);
    const stored = await store.listArticles({ topicId: "libya" });
    expect(stored.find((a) => a.title === "Metadata")?.body).toContain((story(9)[2] as string).slice(0, 50));
  });

  it("refuses source URLs it must not fetch, with the reason", async () => {
    const strict = new SourceService(store, DEFAULT_SOURCE_SETTINGS, undefined, () => clock);
    await expect(strict.add({ url: server.url("/wire.xml"), topics: ["libya"] })).rejects.toThrow(
      "Cannot add that source: 127.0.0.1 is a loopback address.",
    );
    await expect(strict.add({ url: "ftp://example.com/feed", topics: ["libya"] })).rejects.toThrow(
      /only http and https/,
    );
    await expect(strict.add({ url: "https://u:p@example.com/feed", topics: ["libya"] })).rejects.toThrow(
      /password/,
    );
    await expect(strict.add({ url: "https://example.com/feed", topics: [] })).rejects.toThrow(/--topic ID/);
    await expect(
      strict.add({ url: "https://example.com/feed", topics: ["libya"], intervalSeconds: 5 }),
    ).rejects.toThrow(/between 1m and 7d/);
    expect(await strict.list()).toEqual([]);
  });

  it("lets only one instance claim a due source", async () => {
    serveFeed("/claimed.xml", "Claimed", []);
    const { source } = await service.add({ url: server.url("/claimed.xml"), topics: ["libya"] });
    const other = await fixture.reopen();
    const lease = new Date(clock.getTime() + 60_000);
    const [mine, theirs] = await Promise.all([
      store.sources.claimDueSources("one", clock, lease, 10),
      other.sources.claimDueSources("two", clock, lease, 10),
    ]);
    expect([...mine, ...theirs].map((s) => s.id)).toEqual([source.id]);
    const loser = mine.length === 1 ? { store: other, owner: "two" } : { store, owner: "one" };
    expect(await loser.store.sources.claimSource(source.id, loser.owner, clock, lease)).toBeUndefined();
    await store.sources.finishPoll(source.id, {});
    expect(await loser.store.sources.claimSource(source.id, loser.owner, clock, lease)).toBeDefined();
  });
});
