/**
 * PostgreSQL restarting while digests go out. The test runs a PostgreSQL cluster of its own (never
 * the shared server), restarts it in the middle of a fan-out to the fake Discord, and takes it down
 * across a scheduled fire: the run in progress completes once the database is back, every channel
 * gets its digest exactly once, and nothing kills the process on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordChat } from "../../src/adapters/discord/discord-chat.js";
import { DigestScheduler } from "../../src/digests/scheduler.js";
import { openPostgresStore, type PostgresStore } from "../../src/store/postgres.js";
import { type FakeDiscord, snowflake } from "../discord/fake-discord.js";
import { memoryLogger } from "../discord/harness.js";
import { withFakePassword } from "../helpers/fake-secrets.js";
import { type DiscordFanOut, startDiscordFanOut } from "./discord-chat.js";
import { expectEachDeliveredOnce, prepareFanOut, seedTopic, TestClock } from "./fanout.js";
import { type PrivatePostgres, startPrivatePostgres } from "./private-postgres.js";

const started = await startPrivatePostgres();
const skip = "skip" in started ? started.skip : undefined;
if (skip) console.warn(`Skipped: ${skip}; the PostgreSQL restart tests did not run.`);
const server = started as PrivatePostgres;

const { logger, lines } = memoryLogger();
let fake: FakeDiscord;
let chat: DiscordChat;
let store: PostgresStore;

let discord: DiscordFanOut | undefined;

beforeAll(async () => {
  if (skip) return;
  store = await openPostgresStore(withFakePassword(server.url));
  discord = await startDiscordFanOut(store, logger);
  ({ fake, chat } = discord);
});
afterAll(async () => {
  await discord?.stop();
  await store?.close().catch(() => {});
  if (!skip) await server.dispose();
});

const channels = (n: number) => Array.from({ length: n }, () => snowflake());
const postedIn = (channel: string) => (fake.messages.get(channel) ?? []).map((m) => String(m.id));

describe.runIf(!skip)("PostgreSQL restarting during a digest", () => {
  it("lets the fan-out in progress finish once the database is back, each channel once", async () => {
    const ids = channels(30);
    const fan = await prepareFanOut({
      store,
      platform: "discord",
      adapter: chat,
      workspace: fake.guild.id,
      channels: ids,
      concurrency: 4,
      logger,
    });
    // Discord takes its time, so the restart lands in the middle of the fan-out.
    fake.messageDelayMs = 80;
    const logged = lines.length;
    try {
      // Handled at once, as the scheduler does: a failed run shows in the assertion below.
      const run = fan.delivery.run().catch((error: unknown) => error);
      await expect
        .poll(() => ids.filter((c) => postedIn(c).length > 0).length, { timeout: 15_000, interval: 10 })
        .toBeGreaterThanOrEqual(4);
      await server.restart(1_500);
      expect(await run).toMatchObject({ delivered: ids.length, retrying: 0, failed: 0 });
    } finally {
      fake.messageDelayMs = 0;
    }
    // The run met the outage and waited it out, rather than finishing before it.
    const messages = lines.slice(logged).map((l) => l.msg);
    expect(messages).toContain("the database is unreachable; digest delivery waits for it");
    expect(messages).toContain("the database answers again; digest delivery goes on");
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("starts a run while the database is down and delivers once it is back", async () => {
    const ids = channels(6);
    const fan = await prepareFanOut({
      store,
      platform: "discord",
      adapter: chat,
      workspace: fake.guild.id,
      channels: ids,
      logger,
    });
    await server.stopServer();
    const run = fan.delivery.run().catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ids.filter((c) => postedIn(c).length > 0)).toEqual([]);
    await server.startServer();
    expect(await run).toMatchObject({ delivered: ids.length, retrying: 0, failed: 0 });
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("gives up on a database that stays away longer than a lease, and a later run delivers", async () => {
    const ids = channels(4);
    const fan = await prepareFanOut({
      store,
      platform: "discord",
      adapter: chat,
      workspace: fake.guild.id,
      channels: ids,
      leaseSeconds: 1,
      logger,
    });
    await server.stopServer();
    try {
      // The run ends with the database's error, for the scheduler to log; nothing is left unhandled.
      const outcome = await fan.delivery.run().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(Error);
    } finally {
      await server.startServer();
    }
    expect(ids.filter((c) => postedIn(c).length > 0)).toEqual([]);
    await fan.settle();
    await expectEachDeliveredOnce(fan, postedIn);
  });

  it("delivers a fire that came while the database was down, once it is back", async () => {
    const ids = channels(6);
    // A schedule that only fires on 29 February, at 08:00: the test's clock goes there, real cron never does.
    const year = [2028, 2032, 2036].find((y) => Date.parse(`${y}-02-29T00:00:00Z`) > Date.now()) as number;
    const fireAt = Date.parse(`${year}-02-29T08:00:00Z`);
    const clock = new TestClock();
    // A schema of its own: the scheduler looks at every subscription, and the earlier tests' are daily.
    const own = await openPostgresStore(withFakePassword(server.url), { schema: "missed_fire" });
    await seedTopic(own, new Date());
    const fan = await prepareFanOut({
      store: own,
      platform: "discord",
      adapter: chat,
      workspace: fake.guild.id,
      channels: ids,
      logger,
      clock,
      fire: false,
      cron: "0 8 29 2 *",
    });
    clock.jumpTo(fireAt - 60_000);
    const scheduler = new DigestScheduler({
      ledger: own.ledger,
      delivery: fan.delivery,
      logger,
      catchupHours: 6,
      pollSeconds: 1,
      now: clock.now,
    });
    try {
      await scheduler.start();
      await server.stopServer();
      clock.jumpTo(fireAt + 500);
      // What the cron task does at 08:00; with the database down, the fire cannot be written.
      const failed = await scheduler.fire("0 8 29 2 *", "UTC", clock.now()).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failed).toBeInstanceOf(Error);
      await server.startServer();
      // The next poll catches up on the fire and delivers it.
      await expect
        .poll(async () => (await fan.rows()).filter((r) => r.status === "delivered").length, {
          timeout: 20_000,
          interval: 100,
        })
        .toBe(ids.length);
      const rows = await fan.rows();
      expect(rows.map((r) => r.fireTime)).toEqual(ids.map(() => new Date(fireAt).toISOString()));
      await expectEachDeliveredOnce(fan, postedIn);
    } finally {
      await scheduler.stop(5_000);
      await own.close();
    }
  });
});
