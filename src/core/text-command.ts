/**
 * Commands typed as text (console, Slack's slash-command text, a chat message starting with "/"):
 * `name:value` pairs fill options by name ("topic:libya-ceasefire", quotes allowed), the remaining
 * words fill the command's `rest` option.
 */
import type { CommandDefinition, OptionValue } from "./command.js";

export type ParsedOptions = { ok: true; options: Record<string, OptionValue> } | { ok: false; error: string };

export function parseOptionText(
  def: Pick<CommandDefinition, "options" | "usage" | "name">,
  text: string,
): ParsedOptions {
  const options: Record<string, OptionValue> = {};
  const known = new Map(def.options.map((o) => [o.name.toLowerCase(), o]));
  const rest: string[] = [];
  const pattern = /([A-Za-z][\w-]*):(?:"([^"]*)"|'([^']*)'|(\S+))|(\S+)/g;
  for (const m of text.matchAll(pattern)) {
    const key = m[1]?.toLowerCase();
    const option = key ? known.get(key) : undefined;
    if (key && option) {
      const raw = m[2] ?? m[3] ?? m[4] ?? "";
      const value = convert(option.type, raw);
      if (value === undefined)
        return {
          ok: false,
          error: `${option.name} must be ${describeType(option.type)}. Usage: ${def.usage}`,
        };
      options[option.name] = value;
    } else {
      rest.push(m[0]);
    }
  }
  const restOption = def.options.find((o) => o.rest);
  const restText = rest.join(" ").trim();
  if (restText) {
    if (!restOption)
      return { ok: false, error: `/${def.name} takes no text "${shorten(restText)}". Usage: ${def.usage}` };
    if (options[restOption.name] === undefined) options[restOption.name] = restText;
    else return { ok: false, error: `Unexpected text "${shorten(restText)}". Usage: ${def.usage}` };
  }
  for (const o of def.options) {
    if (o.required && (options[o.name] === undefined || options[o.name] === "")) {
      return { ok: false, error: `/${def.name} needs ${o.name}. Usage: ${def.usage}` };
    }
    const value = options[o.name];
    if (o.maxLength && typeof value === "string" && value.length > o.maxLength) {
      return {
        ok: false,
        error: `${o.name} is ${value.length} characters long; the limit is ${o.maxLength}.`,
      };
    }
  }
  return { ok: true, options };
}

function convert(type: string, raw: string): OptionValue | undefined {
  if (type === "integer") return /^-?\d+$/.test(raw) ? Number.parseInt(raw, 10) : undefined;
  if (type === "boolean")
    return /^(true|yes|on)$/i.test(raw) ? true : /^(false|no|off)$/i.test(raw) ? false : undefined;
  return raw;
}

function describeType(type: string): string {
  return type === "integer" ? "a whole number" : type === "boolean" ? "true or false" : "text";
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * The command's own options, or for a command with subcommands the named subcommand's ("/digest list"),
 * with the words that are left.
 */
export function resolveSubcommand(
  def: CommandDefinition,
  text: string,
):
  | {
      ok: true;
      subcommand?: string;
      target: Pick<CommandDefinition, "options" | "usage" | "name">;
      text: string;
    }
  | { ok: false; error: string } {
  if (!def.subcommands) return { ok: true, target: def, text };
  const m = text.trim().match(/^(\S+)\s*([\s\S]*)$/);
  const sub = m ? def.subcommands.find((s) => s.name === (m[1] as string).toLowerCase()) : undefined;
  const fallback = def.subcommands.find((s) => s.name === def.defaultSubcommand);
  if (!sub && fallback)
    return {
      ok: true,
      subcommand: fallback.name,
      target: { ...fallback, name: `${def.name} ${fallback.name}` },
      text,
    };
  if (!sub || !m) return { ok: false, error: `Usage: ${def.usage}` };
  return {
    ok: true,
    subcommand: sub.name,
    target: { ...sub, name: `${def.name} ${sub.name}` },
    text: m[2] as string,
  };
}

/** Split "/ask who?" into its command name and the text after it; undefined when not a command. */
export function splitCommandLine(line: string): { name: string; text: string } | undefined {
  const m = line.trim().match(/^\/([A-Za-z][\w-]*)\s*([\s\S]*)$/);
  return m ? { name: (m[1] as string).toLowerCase(), text: m[2] as string } : undefined;
}
