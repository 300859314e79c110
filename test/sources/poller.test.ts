/**
 * The poller on a real node-cron tick: a due feed is polled without being asked, and a feed that
 * keeps failing is disabled and announced to the channels subscribed to its topic.
 */
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { announceDisabled } from "../../src/sources/announce.js";
import { DEFAULT_FETCH_POLICY } from "../../src/sources/fetch.js";
import { SourcePoller } from "../../src/sources/poller.js";
import { DEFAULT_SOURCE_SETTINGS, SourceService } from "../../src/sources/service.js";
import { RecordingAdapter } from "../helpers/recording-adapter.js";
import { openTestStore, type StoreFixture } from "../helpers/stores.js";
import { FeedServer, rss } from "./feed-server.js";

const server = new FeedServer();
const logger = pino({ level: "silent" });

beforeAll(async () => {
  await server.start();
  server.serve(
    "/ok.xml",
    rss("Steady", [{ title: "A", link: "http://example.org/a", description: "a" }]),
    "application/rss+xml",
  );
  server.routes.set("/down.xml", (_req, res) => res.writeHead(500).end());
});
afterAll(() => server.stop());

async function until(check: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the feed poller", () => {
  let fixture: StoreFixture;
  let poller: SourcePoller | undefined;

  beforeEach(async () => {
    fixture = await openTestStore("sqlite");
  });
  afterEach(async () => {
    await poller?.stop(1000);
    await fixture.dispose();
  });

  it("polls due feeds on its tick and announces a disabled feed to the topic's channels", async () => {
    const { store } = fixture;
    const service = new SourceService(
      store,
      {
        ...DEFAULT_SOURCE_SETTINGS,
        policy: { ...DEFAULT_FETCH_POLICY, privateAddresses: true },
        failureLimit: 1,
      },
      logger,
    );
    const ok = (await service.add({ url: server.url("/ok.xml"), topics: ["libya"] })).source;
    const down = (await service.add({ url: server.url("/down.xml"), topics: ["libya"] })).source;
    await store.ledger.addSubscription({
      id: "sub_1",
      platform: "discord",
      workspace: "g1",
      channelId: "c1",
      topicId: "libya",
      schedule: "daily 08:00",
      cron: "0 8 * * *",
      timezone: "UTC",
      quiet: false,
      status: "active",
      pauseReason: null,
      createdBy: "u1",
      createdAt: new Date().toISOString(),
      cursor: null,
      lastDeliveredAt: null,
    });
    const adapter = new RecordingAdapter("discord");
    poller = new SourcePoller({
      service,
      logger,
      tick: "* * * * * *",
      onDisabled: announceDisabled(store, () => [adapter], logger),
    });
    await poller.start();
    await until(async () => (await service.get(ok.id))?.status === "ok" && adapter.posts.length > 0);
    expect((await service.get(ok.id))?.itemsSeen).toBe(1);
    expect((await service.get(down.id))?.status).toBe("disabled");
    expect(adapter.postsTo("c1")).toHaveLength(1);
    const post = adapter.posts[0];
    expect(post?.document).toMatchObject({ kind: "notice", level: "warning" });
    expect(post?.document.kind === "notice" && post.document.text).toMatch(
      new RegExp(
        `${down.id}\\) for libya has been disabled: stopped after a failed poll; last error: HTTP 500`,
      ),
    );
  });
});
