/**
 * A digest fan-out for fault tests: a small topic, one subscription per channel all due at the same
 * fire, and the real delivery worker posting through a real adapter. The worker's clock can be moved
 * forward so that retries come due without the test sleeping through their back-off.
 */
import pino, { type Logger } from "pino";
import { expect } from "vitest";
import type { Platform } from "../../src/core/command.js";
import { Core } from "../../src/core/core.js";
import type { ChatAdapter } from "../../src/core/port.js";
import { ingestArticle } from "../../src/corpus/ingest.js";
import { type DeliveryReport, DigestDelivery } from "../../src/digests/delivery.js";
import type { Delivery, Subscription } from "../../src/store/ledger.js";
import type { Store } from "../../src/store/store.js";

export const TOPIC = "storm";

/** Real time plus an offset the test moves forward. */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  /** Move forward to `t` (never back). */
  jumpTo(t: number): void {
    this.offsetMs = Math.max(this.offsetMs, t - Date.now());
  }
}

/** A topic with two articles, so a digest is a real briefing with sources. */
export async function seedTopic(store: Store, at: Date): Promise<void> {
  await store.upsertTopic({ id: TOPIC, title: "Storm Alma", description: "", keywords: [] });
  for (const [title, body] of [
    [
      "Storm nears the coast",
      "Storm Alma neared the coast on Monday. Officials ordered an evacuation of low areas.",
    ],
    ["Power restored", "Power was restored to most homes by Tuesday night. Schools reopen on Thursday."],
  ] as const) {
    await ingestArticle(store, { title, body, topicId: TOPIC, published: at.toISOString() }, at);
  }
}

export interface FanOut {
  core: Core;
  delivery: DigestDelivery;
  clock: TestClock;
  subscriptions: Subscription[];
  /** Runs until no row is pending, moving the clock past each round of back-off; the reports of every run. */
  settle(maxRuns?: number): Promise<DeliveryReport[]>;
  rows(): Promise<Delivery[]>;
}

export interface FanOutOptions {
  store: Store;
  platform: Platform;
  adapter: ChatAdapter;
  workspace: string;
  channels: string[];
  concurrency?: number;
  leaseSeconds?: number;
  logger?: Logger;
  clock?: TestClock;
  /** The subscriptions' schedule; daily at 08:00 unless set. */
  cron?: string;
  /** Write the ledger rows of a fire now (the default), or leave firing to a scheduler. */
  fire?: boolean;
}

/** Subscribes every channel and writes the ledger rows of one fire, ready for the worker to deliver. */
export async function prepareFanOut(options: FanOutOptions): Promise<FanOut> {
  const { store, platform, channels } = options;
  const logger = options.logger ?? pino({ level: "silent" });
  const clock = options.clock ?? new TestClock();
  const core = new Core({ store, logger, now: clock.now });
  const createdAt = new Date(clock.now().getTime() - 3_600_000).toISOString();
  const subscriptions: Subscription[] = channels.map((channelId) => ({
    id: `sub_${platform}_${channelId}`,
    platform,
    workspace: options.workspace,
    channelId,
    topicId: TOPIC,
    schedule: "daily 08:00",
    cron: options.cron ?? "0 8 * * *",
    timezone: "UTC",
    quiet: false,
    status: "active",
    pauseReason: null,
    createdBy: "cli",
    createdAt,
    cursor: null,
    lastDeliveredAt: null,
  }));
  for (const sub of subscriptions) await store.ledger.addSubscription(sub);
  const fireTime = new Date(Math.floor(clock.now().getTime() / 60_000) * 60_000).toISOString();
  if (options.fire !== false)
    await store.ledger.ensureDeliveries(
      subscriptions.map((s) => ({ subscriptionId: s.id, fireTime })),
      clock.now(),
    );
  const delivery = new DigestDelivery({
    core,
    adapters: new Map<Platform, ChatAdapter>([[platform, options.adapter]]),
    logger,
    catchupHours: 6,
    leaseSeconds: options.leaseSeconds ?? 60,
    concurrency: options.concurrency ?? 8,
    now: clock.now,
    owner: `fault-test-${platform}`,
  });
  const rows = () => store.ledger.listDeliveries();
  return {
    core,
    delivery,
    clock,
    subscriptions,
    rows,
    async settle(maxRuns = 12) {
      const reports: DeliveryReport[] = [];
      for (let i = 0; i < maxRuns; i++) {
        reports.push(await delivery.run());
        const pending = (await rows()).filter((r) => r.status === "pending");
        if (pending.length === 0) return reports;
        // The moment every pending row can be claimed again (its back-off is over, or its claim
        // lapsed), so that the next run takes them all.
        const due = Math.max(
          ...pending.map((r) => Math.max(Date.parse(r.nextAttemptAt), Date.parse(r.claimedUntil ?? "0") + 1)),
        );
        clock.jumpTo(due + 1);
      }
      throw new Error(`rows still pending after ${maxRuns} delivery runs`);
    },
  };
}

/**
 * Every subscription's channel holds exactly one message for the fire (none lost, none twice), and
 * the ledger records it as delivered with that message's id.
 */
export async function expectEachDeliveredOnce(
  fan: FanOut,
  postedIn: (channel: string) => string[],
): Promise<void> {
  const rows = new Map((await fan.rows()).map((r) => [r.subscriptionId, r]));
  const problems: string[] = [];
  for (const sub of fan.subscriptions) {
    const posted = postedIn(sub.channelId);
    const row = rows.get(sub.id);
    if (posted.length !== 1) problems.push(`${sub.channelId}: ${posted.length} messages`);
    else if (row?.status !== "delivered" || row.messageId !== posted[0])
      problems.push(`${sub.channelId}: ledger ${row?.status} ${row?.messageId}, platform ${posted[0]}`);
  }
  expect(problems).toEqual([]);
}
