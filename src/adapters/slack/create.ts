/** The Slack adapter from the configuration: Socket Mode with an app token, else HTTP mode with the signing secret. */
import type { App } from "../../app.js";
import type { Config } from "../../config.js";
import { UsageError } from "../../core/errors.js";
import type { ChatAdapter } from "../../core/port.js";
import { opsRoutes } from "../../ops/server.js";
import { SlackAdapter, type SlackMode } from "./slack-adapter.js";

export function slackMode(slack: NonNullable<Config["slack"]>, port: number): SlackMode {
  if (slack.appToken) return { kind: "socket", appToken: slack.appToken };
  if (slack.signingSecret) return { kind: "http", signingSecret: slack.signingSecret, port };
  throw new UsageError(
    "SLACK_BOT_TOKEN is set, but Slack also needs SLACK_APP_TOKEN (Socket Mode, no public URL needed) or " +
      "SLACK_SIGNING_SECRET (HTTP mode on PORT). See the README's Slack setup.",
  );
}

/** `adapters`: every platform adapter of the process, for the readiness check HTTP mode serves. */
export function createSlackAdapter(app: App, adapters: () => ChatAdapter[]): SlackAdapter {
  const slack = app.config.slack;
  if (!slack)
    throw new UsageError("Slack is not configured: set SLACK_BOT_TOKEN (see the README's Slack setup).");
  return new SlackAdapter({
    core: app.core,
    logger: app.logger,
    botToken: slack.botToken,
    apiUrl: slack.apiUrl,
    commandPrefix: slack.commandPrefix,
    mode: slackMode(slack, app.config.port),
    // HTTP mode already listens on PORT, so health and metrics are served there too.
    routes: opsRoutes(app.core.store, adapters),
  });
}
