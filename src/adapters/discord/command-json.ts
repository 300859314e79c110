/**
 * The platform-neutral command definitions as Discord application commands (chat input).
 * A definition with `subcommands` becomes one command whose options are its subcommands
 * (`/digest subscribe`, `/digest list`), so new commands need no Discord-specific code.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandDefinition, CommandOption, Permission } from "../../core/command.js";
import { DESCRIPTION_LIMIT } from "./limits.js";
import { truncateWords } from "./markdown.js";

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Definition = Pick<CommandDefinition, "name" | "description" | "options" | "subcommands" | "permission">;

/** Discord's rule for command, subcommand and option names. */
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

/** Channels a digest or a command can post to. */
const POSTABLE_CHANNELS = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
] as const;

/** The commands as Discord expects them; `guild` drops the fields guild commands may not carry. */
export function discordCommands(
  definitions: Definition[],
  scope: "global" | "guild" = "global",
): CommandJson[] {
  return definitions.map((d) => commandJson(d, scope));
}

export function commandJson(def: Definition, scope: "global" | "guild" = "global"): CommandJson {
  checkName(def.name, "command");
  if (def.subcommands?.length && def.options.length > 0) {
    throw new Error(`/${def.name}: a command with subcommands cannot have options of its own`);
  }
  const options: APIApplicationCommandOption[] = def.subcommands?.length
    ? def.subcommands.map((sub) => subcommandJson(def.name, sub))
    : optionsJson(def.name, def.options);
  const json: CommandJson = {
    type: ApplicationCommandType.ChatInput,
    name: def.name,
    description: describe(def.description),
    options,
    // Discord hides the command from members without the permission; the bot checks again at run time.
    default_member_permissions: requiresManageChannels(def.permission)
      ? PermissionFlagsBits.ManageChannels.toString()
      : null,
  };
  if (scope === "global") {
    json.integration_types = [ApplicationIntegrationType.GuildInstall];
    // Channel management only makes sense in a server; everything else also works in a DM with the bot.
    json.contexts = requiresManageChannels(def.permission)
      ? [InteractionContextType.Guild]
      : [InteractionContextType.Guild, InteractionContextType.BotDM];
  }
  return json;
}

function subcommandJson(
  parent: string,
  sub: NonNullable<CommandDefinition["subcommands"]>[number],
): APIApplicationCommandSubcommandOption {
  checkName(sub.name, `/${parent} subcommand`);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: sub.name,
    description: describe(sub.description),
    options: optionsJson(`${parent} ${sub.name}`, sub.options),
  };
}

/** Discord rejects a required option after an optional one, so required options come first. */
function optionsJson(owner: string, options: CommandOption[]): APIApplicationCommandBasicOption[] {
  const sorted = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
  return sorted.map((o) => optionJson(owner, o));
}

function optionJson(owner: string, o: CommandOption): APIApplicationCommandBasicOption {
  checkName(o.name, `/${owner} option`);
  const base = { name: o.name, description: describe(o.description), required: o.required ?? false };
  switch (o.type) {
    case "string":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(o.maxLength ? { max_length: o.maxLength } : {}),
        ...(o.autocomplete ? { autocomplete: true } : {}),
      };
    case "integer":
      return { ...base, type: ApplicationCommandOptionType.Integer };
    case "boolean":
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case "channel":
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [...POSTABLE_CHANNELS] };
  }
}

export function requiresManageChannels(permission: Permission): boolean {
  return permission === "manage-channels";
}

function describe(text: string): string {
  return truncateWords(text.replace(/\s+/g, " ").trim(), DESCRIPTION_LIMIT) || "—";
}

function checkName(name: string, what: string): void {
  if (!NAME.test(name)) {
    throw new Error(
      `${what} name '${name}' is not valid on Discord (lower case, 1-32 letters, digits, - or _)`,
    );
  }
}
