/**
 * `newsbrief register slack [--url URL] [--prefix P] [--name NAME]`: print the Slack app manifest
 * (YAML) to create the app from. Slack apps are configured in Slack, not through an API call with the
 * bot token, so nothing is sent anywhere.
 */
import { COMMANDS } from "../../commands/index.js";
import { slackManifestYaml } from "../adapters/slack/manifest.js";
import type { Config } from "../config.js";
import { UsageError } from "../core/errors.js";
import { parse } from "./commands.js";

export const SLACK_EVENTS_PATH = "/slack/events";

export async function registerSlack(
  config: Config,
  args: string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const { values } = parse(args, {
    url: { type: "string" },
    prefix: { type: "string" },
    name: { type: "string" },
  });
  const prefix = typeof values.prefix === "string" ? values.prefix : (config.slack?.commandPrefix ?? "");
  if (!/^[a-z0-9_-]{0,10}$/.test(prefix)) {
    throw new UsageError(`--prefix must be up to 10 lower-case letters, digits, - or _ (got '${prefix}')`);
  }
  const name = typeof values.name === "string" ? values.name.trim() : "newsbrief";
  if (name.length === 0 || name.length > 35) {
    throw new UsageError(`--name must be 1 to 35 characters (got ${name.length})`);
  }
  const requestUrl = typeof values.url === "string" ? requestUrlFrom(values.url) : undefined;
  write(slackManifestYaml(COMMANDS, { name, commandPrefix: prefix, requestUrl }));
  return 0;
}

/** The public base URL of the bot (or its full /slack/events URL) as Slack's request URL. */
function requestUrlFrom(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `--url must be the bot's public https URL, such as https://bot.example.com (got '${raw}')`,
    );
  }
  if (url.protocol !== "https:") {
    throw new UsageError(`--url must use https: Slack sends requests only to https URLs (got '${raw}')`);
  }
  if (url.search || url.hash) throw new UsageError("--url must not have a query or fragment");
  const base = url.href.replace(/\/+$/, "");
  return base.endsWith(SLACK_EVENTS_PATH) ? base : `${base}${SLACK_EVENTS_PATH}`;
}
