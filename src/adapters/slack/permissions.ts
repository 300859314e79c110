/**
 * Who may manage newsbrief in a Slack channel (subscriptions and other manage-channels commands).
 * Slack has no per-channel "manage" permission, so: anyone in their own DM with the bot, workspace
 * admins and owners, and the person who created the channel. Looked up only when a command needs it.
 */
import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { ChannelRef } from "../../core/command.js";

export async function canManageSlackChannel(
  client: Pick<webApi.WebClient, "users" | "conversations">,
  userId: string,
  channel: ChannelRef,
  logger: Logger,
): Promise<boolean> {
  if (channel.isDM) return true;
  try {
    const { user } = await client.users.info({ user: userId });
    if (user?.is_admin || user?.is_owner || user?.is_primary_owner) return true;
    const info = await client.conversations.info({ channel: channel.id });
    return info.channel?.creator === userId;
  } catch (error) {
    // Without users:read / channels:read (or with Slack unreachable) nobody is treated as a manager.
    logger.warn({ err: error, channel: channel.id }, "could not check Slack channel permissions");
    return false;
  }
}
