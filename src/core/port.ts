/**
 * The adapter port. Inbound, an adapter turns platform events (slash command, direct message,
 * mention) into CommandRequests and hands them to `dispatch`; outbound, it renders ReplyDocuments
 * in its platform's format and posts them to channels (replies and scheduled digests alike).
 */
import type { ChannelRef, Platform } from "./command.js";
import type { ReplyDocument } from "./reply.js";

export interface PostResult {
  /** Platform id of the posted message. */
  messageId: string;
}

export interface PostOptions {
  idempotencyKey?: string;
  /** This key was tried before (a failure, or an instance that died mid-post): check before posting again. */
  repeat?: boolean;
}

/** What a failed post tells the scheduler: whether to retry, and the platform's reason. */
export interface PostFailure {
  code?: string | number;
  retryable?: boolean;
  message: string;
}

export function isPermanentFailure(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as PostFailure).retryable === false;
}

export interface ChatAdapter {
  readonly platform: Platform;
  /** Connect and start receiving events. */
  start(): Promise<void>;
  /**
   * Post a document to a channel (scheduled digests, notices). With an idempotency key, a repeat of
   * the same post (a retry after a crash) must not appear twice where the platform allows it
   * (Discord's message nonce; a metadata check on Slack). Failures throw an error with
   * `retryable: false` when retrying cannot help (unknown channel, missing access) and a `code`.
   */
  post(channel: ChannelRef, document: ReplyDocument, options?: PostOptions): Promise<PostResult>;
  /**
   * Tell one person something privately (a direct message), e.g. that their subscription was paused
   * because its channel is gone. Optional: platforms without direct messages leave it out.
   */
  notifyUser?(user: { id: string; workspace?: string }, text: string): Promise<void>;
  /** Whether the platform connection is up (for /readyz); adapters without a connection are always ready. */
  isReady?(): boolean;
  /** Disconnect; in-flight replies finish first. */
  stop(): Promise<void>;
}
