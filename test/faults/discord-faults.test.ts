/**
 * Digest fan-outs to Discord while Discord misbehaves: bursts of server errors, a storm of 429s,
 * requests that are never answered, connections dropped mid-request, and the gateway going away.
 * The real discord.js client posts to the fake; whatever happens, every channel ends up with its
 * digest exactly once — including posts Discord created but never confirmed, which the message
 * nonce makes safe to send again.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordChat } from "../../src/adapters/discord/discord-chat.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import {
  type FakeDiscord,
  type MessageFault,
  type RecordedRequest,
  snowflake,
} from "../discord/fake-discord.js";
import { memoryLogger } from "../discord/harness.js";
import { slashCommand } from "../discord/payloads.js";
import { tempDir } from "../helpers/cli.js";
import { type DiscordFanOut, startDiscordFanOut } from "./discord-chat.js";
import { expectEachDeliveredOnce, prepareFanOut } from "./fanout.js";

let fake: FakeDiscord;
let chat: DiscordChat;
let store: SqliteStore;
const dir = tempDir("newsbrief-faults-");
const { logger } = memoryLogger();

let discord: DiscordFanOut | undefined;

beforeAll(async () => {
  store = openSqliteStore(dir);
  discord = await startDiscordFanOut(store, logger);
  ({ fake, chat } = discord);
});
afterAll(async () => {
  await discord?.stop();
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const channels = (n: number) => Array.from({ length: n }, () => snowflake());
const postedIn = (channel: string) => (fake.messages.get(channel) ?? []).map((m) => String(m.id));
const messagePosts = (): RecordedRequest[] =>
  fake.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path));

function fanOut(ids: string[], concurrency = 8) {
  return prepareFanOut({
    store,
    platform: "discord",
    adapter: chat,
    workspace: fake.guild.id,
    channels: ids,
    concurrency,
    logger,
  });
}

/** Half the faults come after Discord created the message: only the answer was lost. */
function faults(count: number, fault: (i: number) => MessageFault): MessageFault[] {
  return Array.from({ length: count }, (_, i) => ({ ...fault(i), applied: i % 2 === 0 }));
}

describe("a digest fan-out to Discord", () => {
  it("survives a burst of server errors, some after Discord created the message", async () => {
    const ids = channels(30);
    const fan = await fanOut(ids);
    const statuses = [500, 502, 503, 504];
    // More in a row than discord.js retries a request, so some posts go back to the ledger too.
    const burst = faults(24, (i) => ({ kind: "status", status: statuses[i % 4] as number }));
    fake.injectMessageFaults(...burst);
    const before = messagePosts().length;
    const reports = await fan.settle();
    expect(fake.pendingFaults).toBe(0);
    // Every fault cost one more request (a retry with the same nonce), and nothing else did.
    expect(messagePosts().length - before).toBe(ids.length + burst.length);
    expect(reports.reduce((n, r) => n + r.retrying, 0)).toBeGreaterThan(0);
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("waits out a storm of 429s without failing a post", async () => {
    const ids = channels(30);
    const fan = await fanOut(ids, 16);
    // The bot believes it may send 50 a second; this Discord allows 12, and answers the rest with 429s.
    fake.limits = { globalPerSecond: 12, perChannel: 5, perChannelWindowMs: 5000 };
    const limitedBefore = fake.rateLimited;
    try {
      const reports = await fan.settle();
      // discord.js waits each 429 out itself: the first run delivers everything.
      expect(reports[0]).toMatchObject({ delivered: ids.length, retrying: 0, failed: 0 });
    } finally {
      fake.limits = undefined;
    }
    expect(fake.rateLimited - limitedBefore).toBeGreaterThan(0);
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("sends a request that was never answered again, and a message Discord created stays one", async () => {
    const ids = channels(12);
    const fan = await fanOut(ids);
    const timeout = chat.client.rest.options.timeout;
    // discord.js gives up on a request after 15 s; a shorter wait keeps the test quick.
    chat.client.rest.options.timeout = 1_500;
    const hangs = faults(4, () => ({ kind: "hang" }));
    fake.injectMessageFaults(...hangs);
    const before = messagePosts().length;
    try {
      await fan.settle();
      await expect.poll(() => chat.isReady(), { timeout: 20_000 }).toBe(true);
    } finally {
      chat.client.rest.options.timeout = timeout;
    }
    expect(fake.faultsServed.hang).toBe(hangs.length);
    // At least one more request per hang (more, should a slow machine let a normal one time out too).
    expect(messagePosts().length - before).toBeGreaterThanOrEqual(ids.length + hangs.length);
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("sends again after a connection reset mid-request, once", async () => {
    const ids = channels(12);
    const fan = await fanOut(ids);
    const resets = faults(4, () => ({ kind: "reset" }));
    fake.injectMessageFaults(...resets);
    const before = messagePosts().length;
    await fan.settle();
    expect(fake.faultsServed.reset).toBe(resets.length);
    expect(messagePosts().length - before).toBe(ids.length + resets.length);
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("goes on posting when the gateway drops mid fan-out, and the session resumes", async () => {
    const ids = channels(20);
    const fan = await fanOut(ids, 4);
    fake.messageDelayMs = 40;
    const resumes = fake.resumes.length;
    try {
      const run = fan.delivery.run();
      await expect
        .poll(() => ids.filter((c) => postedIn(c).length > 0).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(3);
      fake.dropConnections();
      await run;
      await expect.poll(() => fake.resumes.length, { timeout: 10_000 }).toBeGreaterThan(resumes);
      await fan.settle();
    } finally {
      fake.messageDelayMs = 0;
    }
    expect(fake.resumes.at(-1)).toMatchObject({ session_id: "fake-session" });
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("keeps posting while the gateway stays unreachable, and answers commands once it is back", async () => {
    const ids = channels(30);
    const fan = await fanOut(ids, 4);
    fake.messageDelayMs = 40;
    const sessions = fake.identifies.length + fake.resumes.length;
    try {
      const run = fan.delivery.run();
      await expect
        .poll(() => ids.filter((c) => postedIn(c).length > 0).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(3);
      fake.gatewayRefused = true;
      fake.dropConnections();
      const droppedAt = Date.now();
      await run;
      // The rest of the fan-out went out over REST while there was no gateway at all.
      expect(fake.connections).toBe(0);
      expect(messagePosts().filter((r) => r.at > droppedAt).length).toBeGreaterThan(0);
      // Without a gateway the bot cannot hear commands: /readyz says so.
      expect(chat.isReady()).toBe(false);
      fake.gatewayRefused = false;
      await expect
        .poll(() => fake.identifies.length + fake.resumes.length, { timeout: 20_000 })
        .toBeGreaterThan(sessions);
      await fan.settle();
    } finally {
      fake.messageDelayMs = 0;
      fake.gatewayRefused = false;
    }
    await expectEachDeliveredOnce(fan, postedIn);
    const topics = slashCommand(fake, "topics");
    const from = fake.requests.length;
    // The gateway may still be finishing its handshake: the command is sent until it is answered.
    await expect
      .poll(
        async () => {
          fake.dispatch("INTERACTION_CREATE", topics);
          return fake
            .waitForRequest(
              (r) => r.method === "POST" && r.path.includes(`/interactions/${topics.id}/`),
              from,
              500,
            )
            .then(
              () => true,
              () => false,
            );
        },
        { timeout: 10_000 },
      )
      .toBe(true);
  });
});
