/**
 * Who may manage a channel, as Discord reports it with every interaction. Discord's default member
 * permissions only hide commands (server admins can change them), so dispatch checks this value on
 * every run of a command or subcommand that needs it.
 */
import { PermissionFlagsBits, type PermissionsBitField } from "discord.js";

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
