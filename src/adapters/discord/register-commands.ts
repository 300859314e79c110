/**
 * Registering the slash commands with Discord by bulk overwrite (one PUT with every command), so
 * running it again is harmless; the registered set is compared first to report what changed.
 */
import { type APIApplicationCommand, REST, Routes } from "discord.js";
import { COMMANDS } from "../../../commands/index.js";
import type { CommandDefinition } from "../../core/command.js";
import { type CommandJson, discordCommands } from "./command-json.js";

export interface RegisterOptions {
  token: string;
  apiBaseUrl: string;
  /** Looked up from the token when absent. */
  applicationId?: string;
  /** Register in one server (shows up at once, good for trying the bot) instead of globally. */
  guildId?: string;
  definitions?: CommandDefinition[];
}

export interface CommandChanges {
  applicationId: string;
  guildId?: string;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
}

export async function registerCommands(options: RegisterOptions): Promise<CommandChanges> {
  const rest = new REST({ api: options.apiBaseUrl }).setToken(options.token);
  try {
    const applicationId =
      options.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
    const route = options.guildId
      ? Routes.applicationGuildCommands(applicationId, options.guildId)
      : Routes.applicationCommands(applicationId);
    const wanted = discordCommands(options.definitions ?? COMMANDS, options.guildId ? "guild" : "global");
    const existing = (await rest.get(route)) as APIApplicationCommand[];
    await rest.put(route, { body: wanted });
    return { applicationId, guildId: options.guildId, ...compare(wanted, existing) };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

function compare(
  wanted: CommandJson[],
  existing: APIApplicationCommand[],
): Pick<CommandChanges, "added" | "updated" | "removed" | "unchanged"> {
  const before = new Map(existing.map((c) => [c.name, c]));
  const changes = {
    added: [] as string[],
    updated: [] as string[],
    removed: [] as string[],
    unchanged: [] as string[],
  };
  for (const command of wanted) {
    const old = before.get(command.name);
    if (!old) changes.added.push(command.name);
    else if (sameCommand(command, old)) changes.unchanged.push(command.name);
    else changes.updated.push(command.name);
  }
  const names = new Set(wanted.map((c) => c.name));
  changes.removed = existing.map((c) => c.name).filter((n) => !names.has(n));
  return changes;
}

/** Compare what we send with what Discord stores, ignoring ids, versions and fields Discord fills in. */
function sameCommand(wanted: CommandJson, registered: APIApplicationCommand): boolean {
  const keys = Object.keys(wanted) as (keyof CommandJson)[];
  const pick = (c: Record<string, unknown>) =>
    Object.fromEntries(keys.map((k) => [k, k === "options" ? options(c.options) : normalize(c[k])]));
  return (
    JSON.stringify(pick(wanted as unknown as Record<string, unknown>)) ===
    JSON.stringify(pick(registered as unknown as Record<string, unknown>))
  );
}

const OPTION_KEYS = [
  "type",
  "name",
  "description",
  "required",
  "autocomplete",
  "max_length",
  "channel_types",
];

function options(list: unknown): unknown {
  if (!Array.isArray(list)) return [];
  return list.map((o: Record<string, unknown>) => ({
    ...Object.fromEntries(
      OPTION_KEYS.map((k) => [
        k,
        normalize(o[k] ?? (k === "required" || k === "autocomplete" ? false : null)),
      ]),
    ),
    options: options(o.options),
  }));
}

function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value) && value.every((v) => typeof v === "number"))
    return [...value].sort((a, b) => a - b);
  return value;
}
