/**
 * Who may run what, checked by the bot on every invocation: Discord's default member permissions
 * only hide commands, and server admins can change them, so they are not relied on.
 */
import { PermissionFlagsBits, type PermissionsBitField } from "discord.js";
import type { CommandDefinition, CommandRequest, Permission } from "../../core/command.js";
import { notice, type ReplyDocument } from "../../core/reply.js";

/**
 * Whether the member may manage the channel, from the permissions Discord resolved for this
 * member in this channel (overwrites included). A DM has no one else to manage it for.
 */
export function canManageChannel(
  inGuild: boolean,
  memberPermissions: Readonly<PermissionsBitField> | null,
): boolean {
  if (!inGuild) return true;
  return memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
}

/** The reply for a member who may not run this command or subcommand; undefined when they may. */
export function permissionDenial(def: CommandDefinition, request: CommandRequest): ReplyDocument | undefined {
  const sub = request.subcommand ? def.subcommands?.find((s) => s.name === request.subcommand) : undefined;
  const needed: Permission[] = [def.permission, ...(sub ? [sub.permission] : [])];
  if (needed.includes("manage-channels") && !request.user.canManageChannel) {
    const name = sub ? `/${def.name} ${sub.name}` : `/${def.name}`;
    return notice(`${name} needs the Manage Channels permission in this channel.`, "warning");
  }
  return undefined;
}
