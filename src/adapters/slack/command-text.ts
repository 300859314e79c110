/**
 * A command's text as Slack delivers it (slash-command text, or "/brief …" in a mention or DM) into
 * the command's options. Commands with subcommands take the first word as the subcommand
 * ("/digest subscribe topic:x"); the rest is parsed by the shared text-option parser.
 */
import type { CommandDefinition, OptionValue } from "../../core/command.js";
import { parseOptionText } from "../../core/text-command.js";

export type ParsedCommand =
  | { ok: true; subcommand?: string; options: Record<string, OptionValue>; needsManager: boolean }
  | { ok: false; error: string };

export function parseCommandText(def: CommandDefinition, text: string): ParsedCommand {
  const subcommands = def.subcommands ?? [];
  if (subcommands.length === 0) {
    const parsed = channelIds(def, parseOptionText(def, text));
    return parsed.ok ? { ...parsed, needsManager: def.permission === "manage-channels" } : parsed;
  }
  const names = subcommands.map((s) => s.name).join("|");
  const trimmed = text.trim();
  const first = trimmed.split(/\s+/, 1)[0] ?? "";
  const sub = subcommands.find((s) => s.name === first.toLowerCase());
  if (!sub) {
    const problem = first
      ? `/${def.name} has no subcommand "${shorten(first)}".`
      : `/${def.name} needs a subcommand.`;
    return { ok: false, error: `${problem} Usage: /${def.name} ${names}` };
  }
  // Name the subcommand in messages about its options ("/digest subscribe needs topic").
  const target = { ...sub, name: `${def.name} ${sub.name}` };
  const parsed = channelIds(target, parseOptionText(target, trimmed.slice(first.length)));
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    subcommand: sub.name,
    options: parsed.options,
    needsManager: def.permission === "manage-channels" || sub.permission === "manage-channels",
  };
}

/**
 * Channel options as Slack channel ids. Slack sends a channel picked in the text as `<#C123|name>`,
 * which arrives here as "#C123"; a bare id is accepted too.
 */
function channelIds(
  def: Pick<CommandDefinition, "options" | "usage" | "name">,
  parsed: ReturnType<typeof parseOptionText>,
): ReturnType<typeof parseOptionText> {
  if (!parsed.ok) return parsed;
  for (const option of def.options.filter((o) => o.type === "channel")) {
    const value = parsed.options[option.name];
    if (typeof value !== "string") continue;
    const id = value.replace(/^#/, "");
    if (!/^[CGD][A-Z0-9]{2,}$/.test(id)) {
      return {
        ok: false,
        error: `${option.name} must be a channel: type # and pick one (got "${shorten(value)}"). Usage: ${def.usage}`,
      };
    }
    parsed.options[option.name] = id;
  }
  return parsed;
}

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}
