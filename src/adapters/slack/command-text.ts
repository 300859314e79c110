/**
 * A command's text as Slack delivers it (slash-command text, or "/brief …" in a mention or DM) into
 * the command's options: the shared subcommand and option parsers, plus Slack's channel references
 * turned into channel ids, and whether the command needs someone who may manage the channel.
 */
import type { CommandDefinition, OptionValue } from "../../core/command.js";
import { parseOptionText, resolveSubcommand } from "../../core/text-command.js";

export type ParsedCommand =
  | { ok: true; subcommand?: string; options: Record<string, OptionValue>; needsManager: boolean }
  | { ok: false; error: string };

export function parseCommandText(def: CommandDefinition, text: string): ParsedCommand {
  const resolved = resolveSubcommand(def, text);
  if (!resolved.ok) return resolved;
  const parsed = parseOptionText(resolved.target, resolved.text);
  if (!parsed.ok) return parsed;
  const channels = channelIds(resolved.target, parsed.options);
  if (!channels.ok) return channels;
  const sub = def.subcommands?.find((s) => s.name === resolved.subcommand);
  return {
    ok: true,
    subcommand: resolved.subcommand,
    options: channels.options,
    needsManager: def.permission === "manage-channels" || sub?.permission === "manage-channels",
  };
}

/**
 * Channel options as Slack channel ids. Slack sends a channel picked in the text as `<#C123|name>`,
 * which arrives here as "#C123"; a bare id is accepted too.
 */
function channelIds(
  def: Pick<CommandDefinition, "options" | "usage">,
  options: Record<string, OptionValue>,
): { ok: true; options: Record<string, OptionValue> } | { ok: false; error: string } {
  const result = { ...options };
  for (const option of def.options.filter((o) => o.type === "channel")) {
    const value = result[option.name];
    if (typeof value !== "string") continue;
    const id = value.replace(/^#/, "");
    if (!/^[CGD][A-Z0-9]{2,}$/.test(id)) {
      const shown = value.length > 30 ? `${value.slice(0, 30)}…` : value;
      return {
        ok: false,
        error: `${option.name} must be a channel: type # and pick one (got "${shown}"). Usage: ${def.usage}`,
      };
    }
    result[option.name] = id;
  }
  return { ok: true, options: result };
}
