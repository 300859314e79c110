/** `newsbrief start` with DISCORD_TOKEN set: the built CLI connects to Discord, answers, and stops cleanly on a signal. */
import fs from "node:fs";
import { GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, spawnCli, tempDir } from "../helpers/cli.js";
import { discordEnv } from "../helpers/fake-secrets.js";
import { FakeDiscord, type RecordedRequest } from "./fake-discord.js";
import { slashCommand } from "./payloads.js";

let fake: FakeDiscord;
let dataDir: string;
beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  dataDir = tempDir();
});
afterAll(async () => {
  await fake?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function env(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    ...discordEnv(fake.apiBaseUrl),
    PORT: String(await freePort()),
    LOG_LEVEL: "info",
    ...extra,
  };
}

describe("newsbrief start with Discord configured", () => {
  it("connects, answers a slash command, and shuts down on SIGTERM", async () => {
    const identified = fake.identifies.length;
    const child = spawnCli(["--data-dir", dataDir, "start"], { env: await env(), stdin: "closed" });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await expect.poll(() => stderr, { timeout: 15_000 }).toContain("connected to Discord");
      expect(fake.identifies.length).toBe(identified + 1);
      expect(Number(fake.identifies.at(-1)?.intents)).toBe(
        GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages,
      );
      const topics = slashCommand(fake, "topics");
      const from = fake.requests.length;
      fake.dispatch("INTERACTION_CREATE", topics);
      const callback = await fake.waitForRequest(
        (r: RecordedRequest) => r.path.includes(`/interactions/${topics.id}/`),
        from,
      );
      expect(callback.body.type).toBe(4);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(fake.connections).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
