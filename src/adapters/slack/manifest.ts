/**
 * The Slack app manifest for newsbrief: paste it into "Create New App → From a manifest" and Slack sets
 * up the slash commands, bot scopes, events and connection mode in one step.
 * Socket Mode unless a public request URL is given (HTTP mode).
 */
import { stringify } from "yaml";
import type { CommandDefinition } from "../../core/command.js";

export interface ManifestOptions {
  /** App and bot name shown in Slack. */
  name: string;
  /** Prefix of every slash command ("nb-" gives /nb-brief). */
  commandPrefix: string;
  /** HTTP mode: the public URL of Bolt's /slack/events endpoint. Socket Mode when absent. */
  requestUrl?: string;
}

/** Bot scopes, each for one thing the bot does. */
export const BOT_SCOPES: { scope: string; why: string }[] = [
  { scope: "commands", why: "slash commands" },
  { scope: "chat:write", why: "replies and digests in channels the bot is in" },
  { scope: "app_mentions:read", why: "questions asked with @newsbrief" },
  { scope: "im:history", why: "questions sent as direct messages" },
  { scope: "users:read", why: "whether someone is a workspace admin (who may manage digests)" },
  { scope: "channels:read", why: "who created a public channel (who may manage digests)" },
  { scope: "groups:read", why: "who created a private channel (who may manage digests)" },
  { scope: "channels:history", why: "checking a retried digest was not already posted (public channels)" },
  { scope: "groups:history", why: "checking a retried digest was not already posted (private channels)" },
];

export const BOT_EVENTS = ["app_mention", "message.im"];

export function slackManifest(
  commands: CommandDefinition[],
  options: ManifestOptions,
): Record<string, unknown> {
  const url = options.requestUrl;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: options.name,
      description: "Briefings on a developing news story, and answers that quote their source.",
      background_color: "#1d3557",
    },
    features: {
      app_home: {
        home_tab_enabled: false,
        messages_tab_enabled: true,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: options.name, always_online: true },
      slash_commands: commands.map((c) => ({
        command: `/${options.commandPrefix}${c.name}`,
        description: c.description,
        ...(usageHint(c) ? { usage_hint: usageHint(c) } : {}),
        // Slack then sends a picked #channel as <#C123|name>, so channel options get the id.
        should_escape: true,
        ...(url ? { url } : {}),
      })),
    },
    oauth_config: { scopes: { bot: BOT_SCOPES.map((s) => s.scope) } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: BOT_EVENTS },
      interactivity: { is_enabled: false },
      org_deploy_enabled: false,
      socket_mode_enabled: url === undefined,
      token_rotation_enabled: false,
    },
  };
}

export function slackManifestYaml(commands: CommandDefinition[], options: ManifestOptions): string {
  const mode = options.requestUrl ? `HTTP mode, requests to ${options.requestUrl}` : "Socket Mode";
  return [
    `# Slack app manifest for ${options.name} (${mode}).`,
    "# api.slack.com/apps → Create New App → From a manifest → paste this → Create → Install to Workspace.",
    stringify(slackManifest(commands, options), { lineWidth: 0 }),
  ].join("\n");
}

/** The usage line without the command itself: "/ask <question> [topic:ID]" → "<question> [topic:ID]". */
function usageHint(c: CommandDefinition): string {
  return c.usage.replace(new RegExp(`^/${c.name}\\s*`), "").trim();
}
