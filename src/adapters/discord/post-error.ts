/**
 * Why a post to a channel failed, in terms a caller can act on: Discord's JSON error code, and
 * whether trying again later can help. The scheduler pauses a subscription on a permanent failure.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";

/** Discord error codes that mean the bot cannot post to that channel until someone changes something. */
export const CHANNEL_GONE_OR_FORBIDDEN: Readonly<Record<number, string>> = {
  10003: "Unknown Channel",
  10004: "Unknown Guild",
  50001: "Missing Access",
  50007: "Cannot send messages to this user",
  50013: "Missing Permissions",
};

export class DiscordPostError extends Error {
  override name = "DiscordPostError";

  constructor(
    message: string,
    /** Discord's JSON error code (10003 Unknown Channel, 50001 Missing Access, 50013 Missing Permissions…). */
    readonly code: number | undefined,
    /** HTTP status, when Discord answered. */
    readonly status: number | undefined,
    /** True when the same post may succeed later (server errors, rate limits, network); false when it will not. */
    readonly retryable: boolean,
    /** Messages of a split reply that were already posted before the failure. */
    readonly postedMessageIds: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function toPostError(
  error: unknown,
  channelId: string,
  postedMessageIds: string[] = [],
): DiscordPostError {
  if (error instanceof DiscordPostError) return error;
  const where = `channel ${channelId}`;
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : undefined;
    const known = code !== undefined ? CHANNEL_GONE_OR_FORBIDDEN[code] : undefined;
    const retryable = known === undefined && (error.status >= 500 || error.status === 429);
    const reason = known ?? error.message;
    return new DiscordPostError(
      `Discord refused the post to ${where}: ${reason} (code ${error.code}, HTTP ${error.status})`,
      code,
      error.status,
      retryable,
      postedMessageIds,
      { cause: error },
    );
  }
  if (error instanceof HTTPError) {
    return new DiscordPostError(
      `Discord failed to take the post to ${where} (HTTP ${error.status})`,
      undefined,
      error.status,
      error.status >= 500 || error.status === 429,
      postedMessageIds,
      { cause: error },
    );
  }
  if (error instanceof RateLimitError) {
    return new DiscordPostError(
      `Posting to ${where} is rate limited for ${error.retryAfter} ms`,
      undefined,
      429,
      true,
      postedMessageIds,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DiscordPostError(
    `Could not reach Discord to post to ${where}: ${message}`,
    undefined,
    undefined,
    true,
    postedMessageIds,
    {
      cause: error,
    },
  );
}
