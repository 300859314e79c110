/** `newsbrief start` with Slack configured: the built CLI connects through Socket Mode and answers. */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, runCli, spawnCli, tempDir } from "../helpers/cli.js";
import { FAKE_SECRETS, slackSocketEnv } from "../helpers/fake-secrets.js";
import { type FakeSlack, startFakeSlack } from "./fake-slack.js";
import { slashCommandFields } from "./helpers.js";

let fake: FakeSlack;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  dataDir = tempDir("newsbrief-slack-cli-");
});

afterAll(async () => {
  await fake?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("close", (code) => resolve(code)));
}

describe("newsbrief start with Slack", () => {
  it("connects in Socket Mode through SLACK_API_URL, answers /brief, and stops cleanly on SIGTERM", async () => {
    const child = spawnCli(["start"], {
      env: {
        ...slackSocketEnv(fake.apiUrl),
        NEWSBRIEF_DATA_DIR: dataDir,
        PORT: String(await freePort()),
        LOG_LEVEL: "warn",
      },
      stdin: "closed",
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const exited = exitOf(child);
    try {
      await fake
        .waitFor(() => (fake.connectedSockets > 0 ? true : undefined), 15_000, "the bot to connect")
        .catch((error: Error) => {
          throw new Error(`${error.message}; stderr: ${stderr}`);
        });
      expect(fake.callsOf("apps.connections.open")[0]?.token).toBe(FAKE_SECRETS.slackAppToken);
      await fake.sendEnvelope(
        "slash_commands",
        slashCommandFields({ command: "/brief", response_url: fake.responseUrl("cli-brief") }),
      );
      const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === "cli-brief"));
      expect(JSON.stringify(reply.body.blocks)).toContain("Sources");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/unhandled|unexpected error/i);
  });

  it("stops with a configuration error when neither an app token nor a signing secret is set", async () => {
    const result = await runCli(["start"], {
      env: {
        SLACK_BOT_TOKEN: FAKE_SECRETS.slackBotToken,
        SLACK_API_URL: fake.apiUrl,
        NEWSBRIEF_DATA_DIR: dataDir,
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("SLACK_APP_TOKEN");
    expect(result.stderr).toContain("SLACK_SIGNING_SECRET");
  });
});
