/** Configuration: defaults, every problem at once, and .env.example documenting every variable. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, loadConfig } from "../src/config.js";
import { UsageError } from "../src/core/errors.js";
import { ROOT } from "./helpers/cli.js";

describe("configuration", () => {
  it("has working defaults with nothing set", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      timezone: "UTC",
      port: 3000,
      shutdownSeconds: 10,
      digests: { minIntervalSeconds: 900, catchupHours: 6 },
    });
    expect(c.discord).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.databaseUrl).toBeUndefined();
    expect(fs.existsSync(path.join(c.briefingsDir, "libya-ceasefire", "topic.yaml"))).toBe(true);
  });

  it("reads platform settings", () => {
    const c = loadConfig({
      DISCORD_TOKEN: "t",
      DISCORD_APPLICATION_ID: "123456789012345678",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1",
    });
    expect(c.discord).toMatchObject({
      token: "t",
      apiBaseUrl: "https://discord.com/api",
      answerMentions: false,
    });
    expect(c.slack).toMatchObject({
      botToken: "xoxb-1",
      appToken: "xapp-1",
      apiUrl: "https://slack.com/api/",
    });
  });

  it("lists every problem at once, by name, without secret values", () => {
    let error: unknown;
    try {
      loadConfig({
        SLACK_BOT_TOKEN: "secret-value",
        DATABASE_URL: "mysql://x",
        NEWSBRIEF_CATCHUP_HOURS: "-1",
        PORT: "http",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    for (const name of ["SLACK_BOT_TOKEN", "DATABASE_URL", "NEWSBRIEF_CATCHUP_HOURS", "PORT"])
      expect(message).toContain(name);
    expect(message).not.toContain("secret-value");
  });

  it("documents every variable in .env.example", () => {
    const example = fs.readFileSync(path.join(ROOT, ".env.example"), "utf8");
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const name of CONFIG_VARIABLES)
      expect(documented.has(name), `${name} is missing from .env.example`).toBe(true);
  });
});

describe("README", () => {
  it("explains every configuration variable in its table", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const name of CONFIG_VARIABLES)
      expect(readme, `${name} is missing from the README`).toContain(`\`${name}\``);
  });
});
