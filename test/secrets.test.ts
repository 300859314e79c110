/**
 * Secrets never reach a log line or a reply. The built bot runs end to end — Discord and Slack (fakes
 * on 127.0.0.1) and PostgreSQL when reachable — with the recognisable fake secrets and the most verbose
 * logging, is driven through commands, questions, DMs, user errors and a platform failure, and every
 * line it writes and every message it sends is searched for those secrets. (Every other test's output
 * is searched too, by test/setup/scan-output.ts; this one adds the replies and the most verbose level.)
 */
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "./discord/fake-discord.js";
import { messageCreate, slashCommand, text } from "./discord/payloads.js";
import { freePort, spawnCli, tempDir } from "./helpers/cli.js";
import { discordEnv, FAKE_SECRETS, SECRET_MARKER, slackSocketEnv } from "./helpers/fake-secrets.js";
import { POSTGRES_URL, postgresReachable } from "./helpers/stores.js";
import { type FakeSlack, startFakeSlack } from "./slack/fake-slack.js";

const reachable = await postgresReachable();
const schema = `nb_secrets_${process.pid}_${Date.now()}`;
let discord: FakeDiscord;
let slack: FakeSlack;
const dataDir = tempDir();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

beforeAll(async () => {
  discord = new FakeDiscord();
  await discord.start();
  slack = await startFakeSlack();
  if (reachable) await admin(`CREATE SCHEMA "${schema}"`);
});
afterAll(async () => {
  await discord?.stop();
  await slack?.close();
  if (reachable) await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function databaseUrl(): string | undefined {
  if (!reachable) return undefined;
  const url = new URL(POSTGRES_URL); // with the fake password: trust authentication ignores it
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

describe("secrets", () => {
  it("appear in no log line and no reply", async () => {
    const db = databaseUrl();
    const port = await freePort();
    const child = spawnCli(["--data-dir", dataDir, "start"], {
      env: {
        ...discordEnv(discord.apiBaseUrl),
        ...slackSocketEnv(slack.apiUrl),
        // Set but unused in Socket Mode: a secret the bot holds without needing it must not leak either.
        SLACK_SIGNING_SECRET: FAKE_SECRETS.slackSigningSecret,
        PORT: String(port),
        LOG_LEVEL: "trace",
        NODE_ENV: "production",
        ...(db ? { DATABASE_URL: db } : {}),
      },
      stdin: "closed",
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await expect.poll(() => output, { timeout: 20_000 }).toContain("connected to Discord");
      await slack.waitFor(
        () => (slack.connectedSockets > 0 ? true : undefined),
        15_000,
        "the bot to connect",
      );

      // Discord: a question, a user error, a DM, and a REST failure on a reply.
      discord.dispatch(
        "INTERACTION_CREATE",
        slashCommand(discord, "ask", [text("question", "Who brokered the ceasefire?")]),
      );
      discord.dispatch("INTERACTION_CREATE", slashCommand(discord, "brief", [text("topic", "nowhere")]));
      discord.dispatch(
        "MESSAGE_CREATE",
        messageCreate(discord, { where: "dm", content: "Did Haftar accept?" }),
      );
      discord.respondOnce((r) => r.method === "PATCH" && r.path.includes("@original"), {
        status: 500,
        body: { code: 0, message: "500: Internal Server Error" },
      });
      discord.dispatch("INTERACTION_CREATE", slashCommand(discord, "timeline"));
      // Slack: a command and a command that fails for the user.
      await slack.sendEnvelope("slash_commands", {
        command: "/brief",
        text: "",
        team_id: "T1",
        channel_id: "C1",
        user_id: "U1",
        response_url: slack.responseUrl("secret-brief"),
        trigger_id: "t",
        api_app_id: "A1",
      });
      await slack.sendEnvelope("slash_commands", {
        command: "/digest",
        text: "now",
        team_id: "T1",
        channel_id: "C1",
        user_id: "U1",
        response_url: slack.responseUrl("secret-digest"),
        trigger_id: "t",
        api_app_id: "A1",
      });
      await slack.waitFor(() => slack.responses.find((r) => r.id === "secret-brief"), 15_000);
      await expect
        .poll(() => discord.requests.filter((r) => r.path.includes("/interactions/")).length, {
          timeout: 15_000,
        })
        .toBeGreaterThanOrEqual(3);
      await fetch(`http://127.0.0.1:${port}/metrics`);
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);

    // The secrets were really in use: the platforms received them.
    expect(
      discord.requests.some((r) => String(r.headers.authorization).includes(FAKE_SECRETS.discordToken)),
    ).toBe(true);
    expect(slack.callsOf("apps.connections.open")[0]?.token).toBe(FAKE_SECRETS.slackAppToken);
    expect(output.split("\n").length).toBeGreaterThan(10);

    const replies = JSON.stringify({
      discord: discord.requests.map((r) => r.body),
      slack: slack.responses,
      posted: slack.posted,
    });
    for (const secret of [SECRET_MARKER, ...Object.values(FAKE_SECRETS)]) {
      const line = output.split("\n").find((l) => l.includes(secret));
      expect(line, `a log line contains a secret: ${line}`).toBeUndefined();
      expect(replies.includes(secret), "a reply contains a secret").toBe(false);
    }
  }, 60_000);
});
