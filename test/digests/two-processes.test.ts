/**
 * Two real bot processes on one PostgreSQL database: every scheduled fire reaches each channel once,
 * whichever process posts it. Each process runs the console chat; what it posts goes to its stdout.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, spawnCli, tempDir } from "../helpers/cli.js";
import { withoutPassword } from "../helpers/fake-secrets.js";
import { POSTGRES_URL, postgresReachable } from "../helpers/stores.js";

const reachable = await postgresReachable();
if (!reachable)
  console.warn(
    `Skipped: no PostgreSQL at ${withoutPassword(POSTGRES_URL)}; the two-process delivery test did not run.`,
  );
const schema = `nb_two_${process.pid}_${Date.now()}`;
const url = `${POSTGRES_URL}${POSTGRES_URL.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
const dataDir = tempDir();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (reachable) await admin(`CREATE SCHEMA "${schema}"`);
});
afterAll(async () => {
  if (reachable) await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const env = { DATABASE_URL: url, NEWSBRIEF_MIN_INTERVAL_SECONDS: "1" };

function startBot(): { child: ChildProcessWithoutNullStreams; output: () => string } {
  const child = spawnCli(["--data-dir", dataDir, "chat"], { env });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  return { child, output: () => out };
}

describe.runIf(reachable)("two processes on one PostgreSQL", () => {
  it("deliver each fire once per channel", async () => {
    const channels = ["ops", "newsroom", "analysts"];
    for (const channel of channels) {
      const r = await runCli(
        [
          "subscriptions",
          "add",
          "--platform",
          "console",
          "--channel",
          channel,
          "--topic",
          "libya-ceasefire",
          "--schedule",
          "*/2 * * * * *",
        ],
        { env },
      );
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    const bots = [startBot(), startBot()];
    await new Promise((r) => setTimeout(r, 7_000));
    for (const bot of bots) bot.child.stdin.end();
    await Promise.all(bots.map((b) => new Promise((resolve) => b.child.on("close", resolve))));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ channel_id: string; delivered: string }>(
      `SELECT s.channel_id, COUNT(*) AS delivered FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
       WHERE d.status = 'delivered' GROUP BY s.channel_id`,
    );
    await client.end();
    const delivered = rows.reduce((sum, r) => sum + Number(r.delivered), 0);
    // Fires every 2 s for about 7 s: each channel got at least two, and every post is one ledger row.
    for (const channel of channels)
      expect(Number(rows.find((r) => r.channel_id === channel)?.delivered ?? 0)).toBeGreaterThanOrEqual(2);
    const posts = bots.map(
      (b) =>
        (
          b
            .output()
            .match(/Libya ceasefire — (briefing|what's new)|No new developments on Libya ceasefire/g) ?? []
        ).length,
    );
    expect((posts[0] ?? 0) + (posts[1] ?? 0)).toBe(delivered);
  }, 40_000);
});
