/**
 * Scheduled digests on every store: the ledger gives each (subscription, fire) one delivery, shared
 * composition per topic, cursors per channel, retries, pauses, restarts and competing instances.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Platform } from "../../src/core/command.js";
import { Core } from "../../src/core/core.js";
import type { ChatAdapter } from "../../src/core/port.js";
import { ingestArticle } from "../../src/corpus/ingest.js";
import { DigestDelivery } from "../../src/digests/delivery.js";
import { DigestScheduler } from "../../src/digests/scheduler.js";
import { DigestService } from "../../src/digests/service.js";
import type { Store } from "../../src/store/store.js";
import { captureLogger } from "../helpers/capture-logger.js";
import { PostError, RecordingAdapter } from "../helpers/recording-adapter.js";
import { openTestStore, type StoreFixture, storeKinds } from "../helpers/stores.js";

const kinds = await storeKinds();
const logger = captureLogger({ label: "digest delivery log" });
const DAILY = "0 8 * * *";

class Clock {
  constructor(public t: number) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

interface Instance {
  core: Core;
  service: DigestService;
  delivery: DigestDelivery;
  scheduler: DigestScheduler;
}

function instance(
  store: Store,
  adapter: ChatAdapter,
  clock: Clock,
  owner: string,
  leaseSeconds = 60,
): Instance {
  const core = new Core({ store, logger, now: clock.now });
  const service = new DigestService(core, { defaultTimezone: "UTC", minIntervalSeconds: 900 }, clock.now);
  core.digests = service;
  const delivery = new DigestDelivery({
    core,
    adapters: new Map<Platform, ChatAdapter>([[adapter.platform, adapter]]),
    logger,
    catchupHours: 6,
    leaseSeconds,
    concurrency: 8,
    now: clock.now,
    owner,
  });
  const scheduler = new DigestScheduler({
    ledger: store.ledger,
    delivery,
    logger,
    catchupHours: 6,
    now: clock.now,
  });
  service.attach(scheduler, delivery);
  return { core, service, delivery, scheduler };
}

async function addArticle(store: Store, title: string, body: string, at: Date): Promise<void> {
  const outcome = await ingestArticle(
    store,
    { title, body, topicId: "storm", published: at.toISOString() },
    at,
  );
  expect(outcome.status).toBe("added");
}

describe.each(kinds)("digests on the %s store", (kind) => {
  let fixture: StoreFixture;
  let store: Store;
  let adapter: RecordingAdapter;
  let clock: Clock;
  let running: Instance[];

  beforeEach(async () => {
    fixture = await openTestStore(kind);
    store = fixture.store;
    adapter = new RecordingAdapter("discord");
    clock = new Clock(Date.parse("2024-10-01T07:00:00Z"));
    running = [];
    await store.upsertTopic({ id: "storm", title: "Storm Alma", description: "", keywords: [] });
    await addArticle(
      store,
      "Storm nears the coast",
      "Storm Alma neared the coast on Monday. Officials ordered an evacuation of low areas.",
      clock.now(),
    );
  });
  afterEach(async () => {
    for (const i of running) await i.scheduler.stop(1000);
    await fixture.dispose();
  });

  const start = (owner = "a", leaseSeconds = 60, on: Store = store) => {
    const i = instance(on, adapter, clock, owner, leaseSeconds);
    running.push(i);
    return i;
  };
  const subscribe = (i: Instance, channelId: string, extra: { quiet?: boolean } = {}) =>
    i.service.subscribe({
      platform: "discord",
      workspace: "g1",
      channelId,
      createdBy: "u-editor",
      topicId: "storm",
      schedule: "daily 08:00",
      ...extra,
    });

  it("posts a short briefing first, then only what is new, then says there is nothing new", async () => {
    const a = start();
    await subscribe(a, "c1");
    clock.t = Date.parse("2024-10-01T08:00:00Z");
    await a.scheduler.fire(DAILY, "UTC", clock.now());
    expect(adapter.postsTo("c1")).toHaveLength(1);
    const first = adapter.postsTo("c1")[0]?.document;
    expect(first?.kind).toBe("briefing");
    if (first?.kind === "briefing") expect(first.briefing.summary[0]?.text).toMatch(/Storm Alma/);

    clock.t = Date.parse("2024-10-01T20:00:00Z");
    await addArticle(
      store,
      "Power restored",
      "Power was restored to most homes by Tuesday night. Schools reopen on Thursday.",
      clock.now(),
    );
    clock.t = Date.parse("2024-10-02T08:00:00Z");
    await a.scheduler.fire(DAILY, "UTC", clock.now());
    const second = adapter.postsTo("c1")[1]?.document;
    expect(second?.kind).toBe("briefing");
    if (second?.kind === "briefing") {
      expect(second.briefing.sources.map((s) => s.title)).toEqual(["Power restored"]);
      expect(second.briefing.since).toBeDefined();
    }

    clock.t = Date.parse("2024-10-03T08:00:00Z");
    await a.scheduler.fire(DAILY, "UTC", clock.now());
    const third = adapter.postsTo("c1")[2]?.document;
    expect(third).toMatchObject({
      kind: "notice",
      text: expect.stringMatching(/^No new developments on Storm Alma since 2024-10-01 20:00/),
    });
  });

  it("stays silent when a quiet subscription has nothing new", async () => {
    const a = start();
    await subscribe(a, "c1", { quiet: true });
    clock.t = Date.parse("2024-10-01T08:00:00Z");
    await a.scheduler.fire(DAILY, "UTC", clock.now());
    clock.t = Date.parse("2024-10-02T08:00:00Z");
    await a.scheduler.fire(DAILY, "UTC", clock.now());
    expect(adapter.postsTo("c1")).toHaveLength(1);
    expect((await store.ledger.listDeliveries({ status: "skipped" })).length).toBe(1);
  });

  it("composes one digest per topic for every channel due at a fire, and never posts a fire twice", async () => {
    const a = start();
    for (let i = 0; i < 30; i++) await subscribe(a, `c${i}`);
    clock.t = Date.parse("2024-10-01T08:00:00Z");
    await a.scheduler.fire(DAILY, "UTC", new Date(clock.t + 1500)); // a timer that ran late still means 08:00
    await a.scheduler.fire(DAILY, "UTC", clock.now());
    expect(adapter.posts).toHaveLength(30);
    expect(new Set(adapter.posts.map((p) => p.channel)).size).toBe(30);
    const keys = new Set(adapter.posts.map((p) => p.idempotencyKey));
    expect(keys.size).toBe(30);
    for (const k of keys) expect(k).toMatch(/@2024-10-01T08:00:00.000Z$/);
    // All 30 channels were due at the same cursor: one composition served them all.
    const docs = new Set(adapter.posts.map((p) => p.document));
    expect(docs.size).toBe(1);
  });

  it("retries a transient failure with back-off without holding up other channels", async () => {
    const a = start();
    await subscribe(a, "c1");
    await subscribe(a, "c2");
    adapter.failures.set("c1", [new PostError("502 Bad Gateway", 502, true)]);
    clock.t = Date.parse("2024-10-01T08:00:00Z");
    await a.scheduler.fire(DAILY, "UTC", clock.now());
    expect(adapter.postsTo("c2")).toHaveLength(1);
    expect(adapter.postsTo("c1")).toHaveLength(0);
    const pending = await store.ledger.listDeliveries({ status: "pending" });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ attempts: 1, error: "502 Bad Gateway" });
    await a.delivery.run(); // not due yet
    expect(adapter.postsTo("c1")).toHaveLength(0);
    clock.advance(60_000);
    await a.delivery.run();
    expect(adapter.postsTo("c1")).toHaveLength(1);
    await a.delivery.run();
    expect(adapter.posts).toHaveLength(2);
  });

  it("pauses a subscription whose channel is gone and shows why in the list", async () => {
    const a = start();
    await subscribe(a, "gone");
    adapter.failures.set("gone", [new PostError("Unknown Channel", 10003, false)]);
    clock.t = Date.parse("2024-10-01T08:00:00Z");
    await a.scheduler.fire(DAILY, "UTC", clock.now());
    const [sub] = await a.service.list({ platform: "discord", workspace: "g1", channelId: "gone" });
    expect(sub).toMatchObject({
      status: "paused",
      pauseReason: expect.stringMatching(/Unknown Channel/),
      nextRun: null,
    });
    // The channel cannot be told; the person who subscribed it is, once.
    expect(adapter.notices).toEqual([
      {
        user: "u-editor",
        text: expect.stringMatching(/digest of storm for channel gone is paused: .*Unknown Channel/),
      },
    ]);
    clock.t = Date.parse("2024-10-02T08:00:00Z");
    await a.scheduler.fire(DAILY, "UTC", clock.now());
    expect(adapter.posts).toHaveLength(0);
  });

  it("after a crash, another instance delivers what the dead one had claimed, once the claim lapses", async () => {
    const a = start("dead", 30);
    for (let i = 0; i < 5; i++) await subscribe(a, `c${i}`);
    clock.t = Date.parse("2024-10-01T08:00:00Z");
    await store.ledger.ensureDeliveries(
      (await store.ledger.listSubscriptions()).map((s) => ({
        subscriptionId: s.id,
        fireTime: clock.now().toISOString(),
      })),
      clock.now(),
    );
    // The dead instance claimed everything and posted two before it died.
    const claimed = await store.ledger.claimDeliveries(
      "dead",
      clock.now(),
      new Date(clock.t + 30_000),
      new Date(0),
      100,
    );
    expect(claimed).toHaveLength(5);
    for (const row of claimed.slice(0, 2))
      await store.ledger.markDelivered(row.key, "m-old", null, clock.now());

    const b = start("b", 30, await fixture.reopen());
    await b.delivery.run();
    expect(adapter.posts).toHaveLength(0); // still held by the dead instance's lease
    clock.advance(31_000);
    await b.delivery.run();
    const channelOf = new Map((await store.ledger.listSubscriptions()).map((s) => [s.id, s.channelId]));
    const undelivered = claimed.slice(2).map((r) => channelOf.get(r.subscriptionId));
    expect(adapter.posts.map((p) => p.channel).sort()).toEqual(undelivered.sort());
    expect(await store.ledger.listDeliveries({ status: "delivered" })).toHaveLength(5);
  });

  it("catches up on the latest fire missed while stopped, within the window, once", async () => {
    const a = start();
    await subscribe(a, "c1");
    await a.scheduler.stop(100);
    // Down from 07:00 to 09:30: the 08:00 fire was missed.
    clock.t = Date.parse("2024-10-01T09:30:00Z");
    const b = start("b");
    await b.scheduler.start();
    await b.delivery.run();
    expect(adapter.postsTo("c1")).toHaveLength(1);
    expect(adapter.postsTo("c1")[0]?.idempotencyKey).toMatch(/@2024-10-01T08:00:00.000Z$/);
    await b.scheduler.stop(100);
    const c = start("c");
    await c.scheduler.start();
    await c.delivery.run();
    expect(adapter.postsTo("c1")).toHaveLength(1);
  });

  it("lets two instances firing together deliver each channel once", async () => {
    const a = start("a");
    const b = start("b", 60, await fixture.reopen());
    for (let i = 0; i < 40; i++) await subscribe(a, `c${i}`);
    adapter.delayMs = 2;
    clock.t = Date.parse("2024-10-01T08:00:00Z");
    await Promise.all([
      a.scheduler.fire(DAILY, "UTC", clock.now()),
      b.scheduler.fire(DAILY, "UTC", clock.now()),
    ]);
    await Promise.all([a.delivery.run(), b.delivery.run()]);
    expect(adapter.posts).toHaveLength(40);
    expect(new Set(adapter.posts.map((p) => p.channel)).size).toBe(40);
  });
});
