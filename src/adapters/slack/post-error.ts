/**
 * Why a post to Slack failed, in a form callers can act on: Slack's own error string as `code`
 * (`channel_not_found`, `not_in_channel`, `is_archived`, `account_inactive`, …) and whether trying
 * again later can help. The scheduler pauses a subscription on the codes in CHANNEL_GONE_CODES.
 */
// Named imports: a default import of this CommonJS package differs between Node and bundlers.
import { webApi } from "@slack/bolt";

const { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } = webApi;

/** The channel (or the bot's access to it) is gone: posting again will fail the same way. */
export const CHANNEL_GONE_CODES: ReadonlySet<string> = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "invalid_auth",
  "token_revoked",
  "not_authed",
  "missing_scope",
  "restricted_action",
  "team_access_not_granted",
]);

/** Slack's side had a problem or asked us to slow down: the same post may work later. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  "ratelimited",
  "rate_limited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

/** What to do about the errors people can fix, shown with the code (e.g. as a paused digest's reason). */
const HINTS: Record<string, string> = {
  channel_not_found: "the channel was deleted, or it is private and the bot is not in it",
  not_in_channel: "invite the bot to the channel with /invite",
  is_archived: "the channel is archived",
  account_inactive: "the app was uninstalled or its bot deactivated",
  missing_scope: "reinstall the app with the scopes of its manifest",
};

export class SlackPostError extends Error {
  override name = "SlackPostError";

  constructor(
    message: string,
    /** Slack's error string, or `http_<status>` / `request_failed` when Slack never answered properly. */
    readonly code: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, { cause: options?.cause });
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** When Slack rate-limited the post: how long it asked us to wait. */
  readonly retryAfterSeconds?: number;

  /** Whether the channel can no longer be posted to (a subscription there should be paused). */
  get channelGone(): boolean {
    return CHANNEL_GONE_CODES.has(this.code);
  }
}

/** Turn whatever the Web API client threw into a SlackPostError naming Slack's error. */
export function toSlackPostError(error: unknown, action: string): SlackPostError {
  if (error instanceof SlackPostError) return error;
  if (error instanceof WebAPIPlatformError) {
    const code = String(error.data.error ?? "unknown_error");
    const hint = HINTS[code] ? ` (${HINTS[code]})` : "";
    return new SlackPostError(`${action} failed: ${code}${hint}`, code, RETRYABLE_CODES.has(code), {
      cause: error,
    });
  }
  if (error instanceof WebAPIRateLimitedError) {
    return new SlackPostError(
      `${action} was rate limited (retry after ${error.retryAfter}s)`,
      "ratelimited",
      true,
      {
        cause: error,
        retryAfterSeconds: error.retryAfter,
      },
    );
  }
  if (error instanceof WebAPIHTTPError) {
    return new SlackPostError(
      `${action} failed: HTTP ${error.statusCode}`,
      `http_${error.statusCode}`,
      error.statusCode >= 500 || error.statusCode === 429,
      { cause: error },
    );
  }
  if (error instanceof WebAPIRequestError) {
    return new SlackPostError(`${action} failed: ${error.original.message}`, "request_failed", true, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SlackPostError(`${action} failed: ${message}`, "unknown_error", false, { cause: error });
}
