/** A slash command invocation as the neutral CommandRequest that dispatch takes. */
import type { ChatInputCommandInteraction } from "discord.js";
import type { CommandDefinition, CommandOption, CommandRequest, OptionValue } from "../../core/command.js";
import { conversationId } from "./conversation.js";
import { canManageChannel } from "./permission.js";

export function commandRequest(
  interaction: ChatInputCommandInteraction,
  def: CommandDefinition,
): CommandRequest {
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  const optionDefs = subcommand
    ? (def.subcommands?.find((s) => s.name === subcommand)?.options ?? [])
    : def.options;
  const options: Record<string, OptionValue | undefined> = {};
  for (const o of optionDefs) options[o.name] = optionValue(interaction, o);
  const inGuild = interaction.inGuild();
  return {
    command: def.name,
    subcommand,
    options,
    user: {
      id: interaction.user.id,
      name: interaction.user.globalName ?? interaction.user.username,
      canManageChannel: canManageChannel(inGuild, interaction.memberPermissions),
    },
    channel: {
      platform: "discord",
      id: interaction.channelId,
      workspace: interaction.guildId ?? undefined,
      isDM: !inGuild,
    },
    conversationId: conversationId({
      channelId: interaction.channelId,
      userId: interaction.user.id,
      isDM: !inGuild,
      isThread: interaction.channel?.isThread() ?? false,
    }),
  };
}

function optionValue(interaction: ChatInputCommandInteraction, o: CommandOption): OptionValue | undefined {
  const { options } = interaction;
  switch (o.type) {
    case "string":
      return options.getString(o.name) ?? undefined;
    case "integer":
      return options.getInteger(o.name) ?? undefined;
    case "boolean":
      return options.getBoolean(o.name) ?? undefined;
    case "channel":
      return options.getChannel(o.name)?.id ?? undefined;
  }
}
