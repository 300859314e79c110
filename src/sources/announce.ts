/**
 * Telling people when a feed stops: each channel with a digest subscription to one of the feed's
 * topics gets a notice with the reason, so a disabled source is never silent.
 */
import type { Logger } from "pino";
import type { Platform } from "../core/command.js";
import type { ChatAdapter } from "../core/port.js";
import { notice } from "../core/reply.js";
import type { Store } from "../store/store.js";
import type { Source } from "./source.js";

export function announceDisabled(
  store: Store,
  adapters: () => ChatAdapter[],
  logger: Logger,
): (source: Source, reason: string) => Promise<void> {
  return async (source, reason) => {
    const byPlatform = new Map<Platform, ChatAdapter>(adapters().map((a) => [a.platform, a]));
    const subs = await store.ledger.listSubscriptions({ status: "active" });
    const told = new Set<string>();
    for (const sub of subs) {
      if (!source.route && !source.topics.includes(sub.topicId)) continue;
      const key = `${sub.platform}:${sub.workspace}:${sub.channelId}`;
      const adapter = byPlatform.get(sub.platform);
      if (told.has(key) || !adapter) continue;
      told.add(key);
      const text =
        `The news feed ${source.title ?? source.url} (${source.id}) for ${source.topics.join(", ") || sub.topicId} ` +
        `has been disabled: ${reason}. New articles from it will not appear in digests until it is fixed; ` +
        "see /sources list, and add it again with /sources add once it works.";
      try {
        await adapter.post(
          { platform: sub.platform, id: sub.channelId, workspace: sub.workspace || undefined, isDM: false },
          notice(text, "warning", false),
          { idempotencyKey: `source-disabled:${source.id}:${source.lastPolledAt ?? ""}:${key}` },
        );
      } catch (error) {
        logger.warn(
          { err: error, source: source.id, channel: sub.channelId },
          "could not tell a channel about a disabled feed",
        );
      }
    }
  };
}
