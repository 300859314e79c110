/**
 * A chat platform that records what it is asked to post, for scheduler tests that are about the
 * ledger rather than a platform. It fails on demand the way adapters do: an error with `retryable`
 * and a platform `code`. End-to-end tests use the real discord.js and Bolt clients instead.
 */
import type { ChannelRef, Platform } from "../../src/core/command.js";
import type { ChatAdapter, PostOptions, PostResult } from "../../src/core/port.js";
import type { ReplyDocument } from "../../src/core/reply.js";

export interface RecordedPost {
  channel: string;
  document: ReplyDocument;
  idempotencyKey?: string;
}

export class PostError extends Error {
  constructor(
    message: string,
    readonly code: string | number,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export class RecordingAdapter implements ChatAdapter {
  readonly posts: RecordedPost[] = [];
  /** Channel id → errors to throw on the next posts there, in order. */
  readonly failures = new Map<string, Error[]>();
  delayMs = 0;
  readonly notices: { user: string; text: string }[] = [];

  constructor(readonly platform: Platform = "discord") {}

  async notifyUser(user: { id: string }, text: string): Promise<void> {
    this.notices.push({ user: user.id, text });
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async post(channel: ChannelRef, document: ReplyDocument, options?: PostOptions): Promise<PostResult> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const queued = this.failures.get(channel.id);
    const failure = queued?.shift();
    if (failure) throw failure;
    this.posts.push({ channel: channel.id, document, idempotencyKey: options?.idempotencyKey });
    return { messageId: `m${this.posts.length}` };
  }

  postsTo(channel: string): RecordedPost[] {
    return this.posts.filter((p) => p.channel === channel);
  }
}
