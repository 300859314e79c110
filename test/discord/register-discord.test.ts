/** `newsbrief register discord`: one bulk overwrite with every command, idempotent, reporting what changed. */
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import { registerDiscord } from "../../src/cli/register-discord.js";
import { loadConfig } from "../../src/config.js";
import { UsageError, UserFacingError } from "../../src/core/errors.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { FAKE_SECRETS } from "../helpers/fake-secrets.js";
import { recordOutput } from "../helpers/output-capture.js";
import { FakeDiscord } from "./fake-discord.js";

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
beforeEach(() => fake.commands.clear());

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: FAKE_SECRETS.discordToken,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_BASE_URL: fake.apiBaseUrl,
    ...extra,
  };
}

async function register(args: string[] = [], extra: Record<string, string> = {}) {
  const lines: string[] = [];
  const from = fake.requests.length;
  // What it prints and the errors it explains itself with reach the user: both are scanned for secrets.
  const output = recordOutput("register discord");
  const print = (l: string) => {
    lines.push(l);
    output.text += `${l}\n`;
  };
  const code = await registerDiscord(loadConfig(env(extra)), args, print).catch((error: Error) => {
    output.text += `${error.message}\n`;
    throw error;
  });
  return { code, lines, requests: fake.requests.slice(from) };
}

describe("register discord", () => {
  it("puts every command in one bulk overwrite, and a second run reports no changes", async () => {
    const first = await register();
    expect(first.code).toBe(0);
    const put = first.requests.find((r) => r.method === "PUT");
    expect(put?.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(put?.headers.authorization).toBe(`Bot ${FAKE_SECRETS.discordToken}`);
    expect(put?.body.map((c: { name: string }) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    const ask = put?.body.find((c: { name: string }) => c.name === "ask");
    expect(ask.options[0]).toMatchObject({ name: "question", type: 3, required: true, max_length: 1000 });
    expect(ask.options[1]).toMatchObject({ name: "topic", type: 3, required: false, autocomplete: true });
    expect(ask.contexts).toEqual([0, 1]);
    expect(first.lines).toContain("added     /brief");
    expect(first.lines.at(-1)).toMatch(
      new RegExp(`${COMMANDS.length} added, 0 updated, 0 removed, 0 unchanged`),
    );

    const second = await register();
    expect(second.lines).toEqual([
      `No changes: the ${COMMANDS.length} slash commands were already registered globally.`,
    ]);
    const again = second.requests.find((r) => r.method === "PUT");
    expect(again?.body).toEqual(put?.body);
  });

  it("reports commands that changed or are no longer defined", async () => {
    await register();
    const registered = fake.commands.get("global") ?? [];
    fake.commands.set("global", [
      ...registered.map((c) => (c.name === "ask" ? { ...c, description: "An older description" } : c)),
      {
        id: "1",
        application_id: fake.applicationId,
        version: "1",
        type: 1,
        name: "oldcmd",
        description: "Gone",
      },
    ]);
    const { lines } = await register();
    expect(lines).toContain("updated   /ask");
    expect(lines).toContain("removed   /oldcmd");
    expect(lines.filter((l) => l.startsWith("added"))).toEqual([]);
    expect(lines.at(-1)).toMatch(/0 added, 1 updated, 1 removed, \d+ unchanged/);
    expect((fake.commands.get("global") ?? []).map((c) => c.name)).not.toContain("oldcmd");
  });

  it("--guild registers in one server, without the fields only global commands carry", async () => {
    const { lines, requests } = await register(["--guild", fake.guild.id]);
    const put = requests.find((r) => r.method === "PUT");
    expect(put?.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`);
    for (const c of put?.body ?? []) {
      expect(c).not.toHaveProperty("contexts");
      expect(c).not.toHaveProperty("integration_types");
    }
    expect(lines.at(-1)).toMatch(new RegExp(`in server ${fake.guild.id}`));
    expect(fake.commands.has("global")).toBe(false);
  });

  it("looks the application up from the token when DISCORD_APPLICATION_ID is not set", async () => {
    const lines: string[] = [];
    const config = loadConfig({
      DISCORD_TOKEN: FAKE_SECRETS.discordToken,
      DISCORD_API_BASE_URL: fake.apiBaseUrl,
    });
    const from = fake.requests.length;
    await registerDiscord(config, [], (l) => lines.push(l));
    expect(fake.requests.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /applications/@me",
      `GET /applications/${fake.applicationId}/commands`,
      `PUT /applications/${fake.applicationId}/commands`,
    ]);
  });

  it("explains bad usage, missing credentials and a rejected token", async () => {
    await expect(register(["--guild", "general"])).rejects.toThrow(UsageError);
    await expect(registerDiscord(loadConfig({}), [], () => undefined)).rejects.toThrow(/needs DISCORD_TOKEN/);
    fake.respondOnce((r) => r.method === "GET", {
      status: 401,
      body: { code: 0, message: "401: Unauthorized" },
    });
    const rejected = register();
    await expect(rejected).rejects.toThrow(UserFacingError);
    await expect(rejected).rejects.toThrow(/rejected DISCORD_TOKEN/);
  });

  it("runs from the built command line", async () => {
    const r = await runCli(["--data-dir", dataDir, "register", "discord"], { env: env() });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^added {5}\/brief$/m);
    expect(fake.commands.get("global")?.length).toBe(COMMANDS.length);
  });
});
