/**
 * kill -9 in the middle of a digest fan-out: a real bot process posting to a (slow) fake Discord is
 * killed, a new one starts, and every channel ends up with its digest exactly once — including posts
 * the dead process had sent without hearing back, which Discord's enforced nonce makes idempotent.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "../../src/corpus/seed.js";
import type { Subscription } from "../../src/store/ledger.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { FakeDiscord, snowflake } from "../discord/fake-discord.js";
import { freePort, ROOT, spawnCli, tempDir } from "../helpers/cli.js";
import { discordEnv } from "../helpers/fake-secrets.js";

let fake: FakeDiscord;
const dataDir = tempDir();
beforeAll(async () => {
  fake = new FakeDiscord();
  fake.messageDelayMs = 60;
  await fake.start();
});
afterAll(async () => {
  await fake?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A cron expression that fires once, at `at` (UTC, to the second). */
function onceAt(at: Date): string {
  return `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} *`;
}

async function startBot() {
  const child = spawnCli(["--data-dir", dataDir, "start"], {
    env: {
      ...discordEnv(fake.apiBaseUrl),
      NEWSBRIEF_DELIVERY_LEASE_SECONDS: "2",
      PORT: String(await freePort()),
    },
    stdin: "closed",
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, exited };
}

const messagePosts = () =>
  fake.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path));

describe("a bot killed mid fan-out", () => {
  it("is followed by one that delivers the rest, and no channel gets a digest twice", async () => {
    const channels = Array.from({ length: 30 }, () => snowflake());
    const fireAt = new Date(Math.ceil((Date.now() + 5_000) / 1000) * 1000);
    const store = openSqliteStore(dataDir);
    await seedIfEmpty(store, `${ROOT}/briefings`);
    for (const [i, channelId] of channels.entries()) {
      const sub: Subscription = {
        id: `sub_kill_${i}`,
        platform: "discord",
        workspace: fake.guild.id,
        channelId,
        topicId: "libya-ceasefire",
        schedule: "once",
        cron: onceAt(fireAt),
        timezone: "UTC",
        quiet: false,
        status: "active",
        pauseReason: null,
        createdBy: "test",
        createdAt: new Date(Date.now() - 1000).toISOString(),
        cursor: null,
        lastDeliveredAt: null,
      };
      expect(await store.ledger.addSubscription(sub)).toBe("added");
    }
    await store.close();

    const posted = () => channels.filter((c) => (fake.messages.get(c)?.length ?? 0) > 0).length;
    const first = await startBot();
    try {
      await expect.poll(posted, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(5);
      first.child.kill("SIGKILL");
      await first.exited;
    } finally {
      first.child.kill("SIGKILL");
    }
    // Killed mid fan-out: some digests were out, the rest were sent or queued but never acknowledged.
    expect(posted()).toBeLessThan(channels.length);
    const sentByFirst = messagePosts().length;

    // The dead process's claims lapse after the lease; then a new process takes over.
    await new Promise((r) => setTimeout(r, 2_500));
    const second = await startBot();
    try {
      await expect
        .poll(() => channels.filter((c) => (fake.messages.get(c)?.length ?? 0) > 0).length, {
          timeout: 20_000,
          interval: 50,
        })
        .toBe(channels.length);
      // Everything the first process never recorded as delivered was posted again, with the same nonce.
      await expect.poll(() => messagePosts().length - sentByFirst, { timeout: 10_000 }).toBeGreaterThan(0);
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    } finally {
      second.child.kill("SIGKILL");
    }

    for (const c of channels) expect(fake.messages.get(c)?.length, `messages in ${c}`).toBe(1);
    const check = openSqliteStore(dataDir);
    try {
      const delivered = await check.ledger.listDeliveries({ status: "delivered" });
      expect(delivered).toHaveLength(channels.length);
      expect(new Set(delivered.map((d) => d.fireTime))).toEqual(new Set([fireAt.toISOString()]));
    } finally {
      await check.close();
    }
  }, 60_000);
});
