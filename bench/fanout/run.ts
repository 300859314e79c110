/**
 * Digest fan-out benchmark: 10,000 subscriptions due at the same minute, delivered through the real
 * adapters to local fakes of Discord and Slack that enforce their rate limits (scaled so a run takes
 * well under a minute). Reports the delivery rate as a share of the allowed rate, 429s received, lost
 * and duplicated deliveries, and the time to compose the digest.
 *
 *   node dist/bench/fanout/run.js [DATA_DIR] [--subscriptions N] [--only discord|slack]
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { DiscordChat } from "../../src/adapters/discord/discord-chat.js";
import { SlackAdapter } from "../../src/adapters/slack/slack-adapter.js";
import { PACKAGE_ROOT } from "../../src/config.js";
import type { Platform } from "../../src/core/command.js";
import { Core } from "../../src/core/core.js";
import type { ChatAdapter } from "../../src/core/port.js";
import { seedIfEmpty } from "../../src/corpus/seed.js";
import { composeDigest } from "../../src/digests/compose.js";
import { DigestDelivery } from "../../src/digests/delivery.js";
import type { Subscription } from "../../src/store/ledger.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { FakeDiscord, snowflake } from "../../test/discord/fake-discord.js";

const args = process.argv.slice(2);
const countArg = args.indexOf("--subscriptions");
const SUBSCRIPTIONS = countArg >= 0 ? Number(args[countArg + 1]) : 10_000;
/** Discord: 50 requests/s globally and 5 per 5 s per channel; the global budget scaled ×5. */
const DISCORD_GLOBAL_PER_SECOND = 250;
/** Slack: about 1 message/s per channel, and a workspace budget (scaled) across channels. */
const SLACK_WORKSPACE_PER_SECOND = 200;
const logger = pino({ level: "silent" });

/** The platform a fan-out posts to: its adapter, and what the fake received. */
interface Target {
  adapter: ChatAdapter;
  channel: () => string;
  workspace: string;
  count: () => Map<string, number>;
  rateLimited: () => number;
  /** Fetch what the platform received, when it lives in another process. */
  beforeCount?: () => Promise<void>;
  close: () => Promise<void>;
}

interface FanoutResult {
  platform: Platform;
  subscriptions: number;
  allowedPerSecond: number;
  seconds: number;
  deliveredPerSecond: number;
  shareOfAllowed: number;
  rateLimited429s: number;
  delivered: number;
  lost: number;
  duplicated: number;
  composeMs: number;
  compositions: number;
}

async function fanout(
  platform: Platform,
  allowedPerSecond: number,
  connect: (core: Core) => Promise<Target>,
): Promise<FanoutResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbrief-fanout-"));
  const store = openSqliteStore(dir);
  try {
    await seedIfEmpty(store, path.join(PACKAGE_ROOT, "briefings"));
    const core = new Core({ store, logger });
    const target = await connect(core);
    const createdAt = new Date(Date.now() - 60_000).toISOString();
    const channels: string[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const channelId = target.channel();
      channels.push(channelId);
      const sub: Subscription = {
        id: `sub_${platform}_${i}`,
        platform,
        workspace: target.workspace,
        channelId,
        topicId: "libya-ceasefire",
        schedule: "daily 08:00",
        cron: "0 8 * * *",
        timezone: "UTC",
        quiet: false,
        status: "active",
        pauseReason: null,
        createdBy: "bench",
        createdAt,
        cursor: null,
        lastDeliveredAt: null,
      };
      await store.ledger.addSubscription(sub);
    }
    const composeStarted = performance.now();
    await composeDigest(core, { topicId: "libya-ceasefire", cursor: null, quiet: false }, new Date());
    const composeMs = performance.now() - composeStarted;

    const fireTime = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    await store.ledger.ensureDeliveries(
      channels.map((_, i) => ({ subscriptionId: `sub_${platform}_${i}`, fireTime })),
      new Date(),
    );
    const delivery = new DigestDelivery({
      core,
      adapters: new Map([[platform, target.adapter]]),
      logger,
      catchupHours: 6,
      leaseSeconds: 600,
      concurrency: 256,
    });
    const started = performance.now();
    let compositions = 0;
    // Retries (if any) come due after their back-off; keep going until every row is settled.
    for (let round = 0; round < 50; round++) {
      const report = await delivery.run();
      compositions += report.composed;
      const pending = await store.ledger.listDeliveries({ status: "pending" });
      if (pending.length === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const seconds = (performance.now() - started) / 1000;
    await target.beforeCount?.();
    const counts = target.count();
    const delivered = (await store.ledger.listDeliveries({ status: "delivered" })).length;
    const lost = channels.filter((c) => (counts.get(c) ?? 0) === 0).length;
    const duplicated = channels.filter((c) => (counts.get(c) ?? 0) > 1).length;
    await target.close();
    return {
      platform,
      subscriptions: SUBSCRIPTIONS,
      allowedPerSecond,
      seconds: round(seconds, 2),
      deliveredPerSecond: round(delivered / seconds, 1),
      shareOfAllowed: round(delivered / seconds / allowedPerSecond, 3),
      rateLimited429s: target.rateLimited(),
      delivered,
      lost,
      duplicated,
      composeMs: round(composeMs, 1),
      compositions,
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number, digits: number): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}

async function discord(): Promise<FanoutResult> {
  const fake = new FakeDiscord();
  fake.limits = { globalPerSecond: DISCORD_GLOBAL_PER_SECOND, perChannel: 5, perChannelWindowMs: 5000 };
  await fake.start();
  return fanout("discord", DISCORD_GLOBAL_PER_SECOND, async (core) => {
    const adapter = new DiscordChat({
      core,
      logger,
      token: "bench-token",
      apiBaseUrl: fake.apiBaseUrl,
      answerMentions: false,
      globalRequestsPerSecond: DISCORD_GLOBAL_PER_SECOND,
    });
    await adapter.start();
    return {
      adapter,
      channel: () => snowflake(),
      workspace: fake.guild.id,
      count: () => new Map([...fake.messages].map(([c, list]) => [c, list.length])),
      rateLimited: () => fake.rateLimited,
      close: async () => {
        await adapter.stop();
        await fake.stop();
      },
    };
  });
}

async function slack(): Promise<FanoutResult> {
  // The fake runs in a child process: on 2 cores, the bot and the platform each get one.
  const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), "fake-slack-process.js"), [
    String(SLACK_WORKSPACE_PER_SECOND),
  ]);
  const reply = <T>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const listener = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off("message", listener);
        resolve(message as T);
      };
      child.on("message", listener);
    });
  const { apiUrl } = await reply<{ apiUrl: string }>("ready");
  let stats: { posts: Record<string, number>; rateLimited: number } = { posts: {}, rateLimited: 0 };
  let next = 0;
  return fanout("slack", SLACK_WORKSPACE_PER_SECOND, async (core) => {
    const adapter = new SlackAdapter({
      core,
      logger,
      botToken: "xoxb-bench",
      apiUrl,
      mode: { kind: "http", signingSecret: "bench-secret", port: 0 },
    });
    const fetchStats = async () => {
      const answer = reply<typeof stats>("stats");
      child.send({ type: "stats" });
      stats = await answer;
    };
    return {
      adapter,
      channel: () => `C${String(next++).padStart(8, "0")}`,
      workspace: "T0BENCH",
      count: () => new Map(Object.entries(stats.posts)),
      rateLimited: () => stats.rateLimited,
      beforeCount: fetchStats,
      close: async () => {
        await adapter.stop();
        child.send({ type: "stop" });
      },
    };
  });
}

async function main(): Promise<void> {
  const onlyArg = args.indexOf("--only");
  const only = onlyArg >= 0 ? args[onlyArg + 1] : undefined;
  const results: FanoutResult[] = [];
  if (!only || only === "discord") results.push(await discord());
  if (!only || only === "slack") results.push(await slack());
  const out = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    results,
  };
  const file = path.join(PACKAGE_ROOT, "bench/results/fanout.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    "| platform | subscriptions | allowed/s | delivered/s | share | 429s | lost | duplicated | compose |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(
      `| ${r.platform} | ${r.subscriptions} | ${r.allowedPerSecond} | ${r.deliveredPerSecond} | ${(r.shareOfAllowed * 100).toFixed(1)}% | ${r.rateLimited429s} | ${r.lost} | ${r.duplicated} | ${r.composeMs} ms (${r.compositions} composed) |`,
    );
  }
  const ok = results.every((r) => r.shareOfAllowed >= 0.9 && r.lost === 0 && r.duplicated === 0);
  console.log(
    ok ? "fan-out targets met (≥ 90% of the allowed rate, 0 lost, 0 duplicated)" : "fan-out targets NOT met",
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
