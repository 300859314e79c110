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

export interface ChatAdapter {
  readonly platform: Platform;
  /** Connect and start receiving events. */
  start(): Promise<void>;
  /** Post a document to a channel (scheduled digests, notices). */
  post(channel: ChannelRef, document: ReplyDocument): Promise<PostResult>;
  /** Disconnect; in-flight replies finish first. */
  stop(): Promise<void>;
}
