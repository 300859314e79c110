/** `newsbrief register slack`: the app manifest, and choosing Socket Mode or HTTP mode from the configuration. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMANDS } from "../../commands/index.js";
import { slackMode } from "../../src/adapters/slack/create.js";
import { BOT_EVENTS, BOT_SCOPES } from "../../src/adapters/slack/manifest.js";
import { registerSlack } from "../../src/cli/register-slack.js";
import { loadConfig } from "../../src/config.js";
import { UsageError } from "../../src/core/errors.js";

interface Manifest {
  display_information: { name: string };
  features: {
    bot_user: { display_name: string };
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    slash_commands: {
      command: string;
      description: string;
      usage_hint?: string;
      url?: string;
      should_escape: boolean;
    }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    socket_mode_enabled: boolean;
  };
}

async function manifest(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ yaml: string; parsed: Manifest }> {
  let yaml = "";
  const code = await registerSlack(loadConfig(env), args, (text) => {
    yaml += text;
  });
  expect(code).toBe(0);
  return { yaml, parsed: parse(yaml) as Manifest };
}

describe("register slack", () => {
  it("prints a Socket Mode manifest with every command, the bot scopes and the events", async () => {
    const { yaml, parsed } = await manifest([]);
    expect(yaml).toMatch(/^# Slack app manifest for newsbrief \(Socket Mode\)/);
    expect(parsed.settings.socket_mode_enabled).toBe(true);
    expect(parsed.settings.event_subscriptions).toEqual({ bot_events: BOT_EVENTS });
    expect(parsed.features.slash_commands.map((c) => c.command)).toEqual(COMMANDS.map((c) => `/${c.name}`));
    const ask = parsed.features.slash_commands.find((c) => c.command === "/ask");
    expect(ask?.usage_hint).toBe("<question> [topic:ID]");
    expect(ask?.url).toBeUndefined();
    expect(parsed.oauth_config.scopes.bot).toEqual(BOT_SCOPES.map((s) => s.scope));
    expect(parsed.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["commands", "chat:write", "im:history"]),
    );
    expect(parsed.features.app_home.messages_tab_enabled).toBe(true);
    expect(parsed.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it("points commands and events at the request URL in HTTP mode", async () => {
    const { parsed } = await manifest(["--url", "https://bot.example.com/"]);
    expect(parsed.settings.socket_mode_enabled).toBe(false);
    expect(parsed.settings.event_subscriptions.request_url).toBe("https://bot.example.com/slack/events");
    for (const c of parsed.features.slash_commands)
      expect(c.url).toBe("https://bot.example.com/slack/events");
    const full = await manifest(["--url", "https://bot.example.com/slack/events"]);
    expect(full.parsed.settings.event_subscriptions.request_url).toBe("https://bot.example.com/slack/events");
  });

  it("uses the command prefix and the name", async () => {
    const { parsed } = await manifest(["--name", "Ceasefire Desk"], {
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_COMMAND_PREFIX: "nb-",
    });
    expect(parsed.features.slash_commands[0]?.command).toBe("/nb-brief");
    expect(parsed.display_information.name).toBe("Ceasefire Desk");
    expect(parsed.features.bot_user.display_name).toBe("Ceasefire Desk");
    const flag = await manifest(["--prefix", "news-"]);
    expect(flag.parsed.features.slash_commands[0]?.command).toBe("/news-brief");
  });

  it("refuses a URL Slack cannot use and a bad prefix", async () => {
    await expect(manifest(["--url", "http://bot.example.com"])).rejects.toThrow(/https/);
    await expect(manifest(["--url", "not a url"])).rejects.toThrow(UsageError);
    await expect(manifest(["--prefix", "Bad Prefix"])).rejects.toThrow(/--prefix/);
    await expect(manifest(["--bogus"])).rejects.toThrow(UsageError);
  });
});

describe("slackMode", () => {
  const slack = (env: NodeJS.ProcessEnv) => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", ...env }).slack;
    if (!config) throw new Error("SLACK_BOT_TOKEN should configure Slack");
    return config;
  };

  it("chooses Socket Mode with an app token, else HTTP mode on PORT", () => {
    expect(slackMode(slack({ SLACK_APP_TOKEN: "xapp-1", SLACK_SIGNING_SECRET: "s" }), 3000)).toEqual({
      kind: "socket",
      appToken: "xapp-1",
    });
    expect(slackMode(slack({ SLACK_SIGNING_SECRET: "s" }), 8080)).toEqual({
      kind: "http",
      signingSecret: "s",
      port: 8080,
    });
  });

  it("names both variables when neither is set", () => {
    expect(() => slackMode(slack({}), 3000)).toThrow(/SLACK_APP_TOKEN .* SLACK_SIGNING_SECRET/);
  });
});
