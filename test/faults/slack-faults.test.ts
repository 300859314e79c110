/**
 * Digest fan-outs to Slack while Slack misbehaves: bursts of server errors, a storm of 429s, requests
 * that are never answered and connections dropped mid-request. The real Web API client posts to the
 * fake; every channel ends up with its digest exactly once — including posts Slack applied but never
 * confirmed, which the delivery finds again by the key in their metadata instead of posting twice.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackAdapter } from "../../src/adapters/slack/slack-adapter.js";
import { Core } from "../../src/core/core.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import { captureLogger } from "../helpers/capture-logger.js";
import { tempDir } from "../helpers/cli.js";
import { FAKE_SECRETS } from "../helpers/fake-secrets.js";
import { type Failure, type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { expectEachDeliveredOnce, prepareFanOut, seedTopic } from "./fanout.js";

// Kept for the suite's secret scan: a token in the adapter's log would fail the run.
const logger = captureLogger({ level: "info", label: "Slack fault tests" });
let fake: FakeSlack;
let store: SqliteStore;
let adapter: SlackAdapter;
const dir = tempDir("newsbrief-faults-");
let channelCounter = 0;

beforeAll(async () => {
  fake = await startFakeSlack();
  store = openSqliteStore(dir);
  await seedTopic(store, new Date());
  adapter = slackAdapter();
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Posting needs no connection to Slack's events: it goes straight to the Web API. */
function slackAdapter(requestTimeoutMs?: number): SlackAdapter {
  return new SlackAdapter({
    core: new Core({ store, logger }),
    logger,
    botToken: FAKE_SECRETS.slackBotToken,
    apiUrl: fake.apiUrl,
    mode: { kind: "http", signingSecret: FAKE_SECRETS.slackSigningSecret, port: 0, host: "127.0.0.1" },
    requestTimeoutMs,
  });
}

const channels = (n: number) => Array.from({ length: n }, () => `CFAULT${++channelCounter}`);
const postedIn = (channel: string) => fake.posted.filter((m) => m.channel === channel).map((m) => m.ts);
const postCalls = () => fake.callsOf("chat.postMessage").length;

function fanOut(ids: string[], concurrency = 8, through = adapter) {
  return prepareFanOut({
    store,
    platform: "slack",
    adapter: through,
    workspace: "T1",
    channels: ids,
    concurrency,
    logger,
  });
}

/** Half the faults come after Slack posted the message: only the answer was lost. */
function faults(count: number, fault: (i: number, applied: boolean) => Failure): Failure[] {
  return Array.from({ length: count }, (_, i) => fault(i, i % 2 === 0));
}

describe("a digest fan-out to Slack", () => {
  /**
   * Each fault makes one delivery go round again; a retry first looks for its key in the channel and
   * posts only when the earlier attempt left nothing. So chat.postMessage is called once per channel
   * and once per fault, less the faults whose message Slack had posted anyway.
   */
  async function expectOnePostPerFault(
    fan: Awaited<ReturnType<typeof fanOut>>,
    injected: Failure[],
    before: number,
  ) {
    const applied = injected.filter((f) => "applied" in f && f.applied).length;
    expect(postCalls() - before).toBe(fan.subscriptions.length + injected.length - applied);
    await expectEachDeliveredOnce(fan, postedIn);
  }

  it("survives a burst of server errors, some after Slack posted the message", async () => {
    const ids = channels(30);
    const fan = await fanOut(ids);
    const statuses = [500, 502, 503, 504] as const;
    const burst = faults(16, (i, applied) => ({
      status: statuses[i % 4] as (typeof statuses)[number],
      applied,
    }));
    fake.failNext("chat.postMessage", ...burst);
    const before = postCalls();
    await fan.settle();
    await expectOnePostPerFault(fan, burst, before);
  });

  it("slows down through a storm of 429s and posts every digest once", async () => {
    const ids = channels(30);
    const fan = await fanOut(ids, 16);
    // About one post a second per channel and twelve a second in all, answered with 429 and Retry-After.
    fake.limits = { perChannelPerSecond: 1, workspacePerSecond: 12 };
    const limitedBefore = fake.rateLimited;
    try {
      await fan.settle();
    } finally {
      fake.limits = undefined;
    }
    expect(fake.rateLimited - limitedBefore).toBeGreaterThan(0);
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("posts again after a request that was never answered, and a message Slack posted stays one", async () => {
    const ids = channels(12);
    // Slack's client gives up on a request after 15 s; a shorter wait keeps the test quick.
    const impatient = slackAdapter(1_500);
    const fan = await fanOut(ids, 8, impatient);
    const hangs = faults(4, (_, applied) => ({ hang: true, applied }));
    fake.failNext("chat.postMessage", ...hangs);
    const before = postCalls();
    const lookups = fake.callsOf("conversations.history").length;
    try {
      await fan.settle();
    } finally {
      await impatient.stop();
    }
    // Each hang was waited out and its delivery looked for its key before posting again (a slow
    // machine may let a normal request time out too, hence at least).
    expect(postCalls() - before).toBeGreaterThanOrEqual(ids.length + hangs.length / 2);
    expect(fake.callsOf("conversations.history").length - lookups).toBeGreaterThanOrEqual(hangs.length);
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("posts again after a connection reset mid-request, once", async () => {
    const ids = channels(12);
    const fan = await fanOut(ids);
    const resets = faults(4, (_, applied) => ({ reset: true, applied }));
    fake.failNext("chat.postMessage", ...resets);
    const before = postCalls();
    await fan.settle();
    await expectOnePostPerFault(fan, resets, before);
  });
});
