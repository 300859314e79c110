/**
 * The Discord adapter: slash commands, autocomplete, DMs and @mentions in; embeds out, for replies
 * and for posts to channels (scheduled digests). Reconnecting after a gateway drop is left to
 * discord.js; the adapter logs it.
 */

import { createHash } from "node:crypto";
import {
  type Client,
  Events,
  GatewayCloseCodes,
  type RESTPostAPIChannelMessageResult,
  Routes,
} from "discord.js";
import type { Logger } from "pino";
import type { ChannelRef } from "../../core/command.js";
import type { Core } from "../../core/core.js";
import { UserFacingError } from "../../core/errors.js";
import type { ChatAdapter, PostOptions, PostResult } from "../../core/port.js";
import type { ReplyDocument } from "../../core/reply.js";
import { rateLimitEvents } from "../../ops/metrics.js";
import { createDiscordClient } from "./client.js";
import type { DiscordMessage } from "./embed-layout.js";
import { handleInteraction } from "./interactions.js";
import { inert } from "./markdown.js";
import { handleMessage } from "./messages.js";
import { DiscordPostError, toPostError } from "./post-error.js";
import { renderDiscord } from "./render-embeds.js";

export interface DiscordChatOptions {
  core: Core;
  logger: Logger;
  token: string;
  apiBaseUrl: string;
  answerMentions: boolean;
  /** Discord's global request budget for this bot (50/s unless Discord raised it). */
  globalRequestsPerSecond?: number;
  /** Defer a command not marked slow when it has not answered by then; Discord allows 3 s. */
  deferAfterMs?: number;
}

/** What a gateway close code that discord.js will not recover from means for the person running the bot. */
const FATAL_CLOSE_REASONS: Partial<Record<number, string>> = {
  [GatewayCloseCodes.AuthenticationFailed]:
    "Discord rejected DISCORD_TOKEN; reset the bot token and set it again",
  [GatewayCloseCodes.DisallowedIntents]:
    "Discord refused the Message Content intent: enable it under Bot → Privileged Gateway Intents, or set DISCORD_ANSWER_MENTIONS=false",
  [GatewayCloseCodes.InvalidIntents]: "Discord refused the requested gateway intents",
};

/** The gateway client's own words for the same refusals, when the close code is not known yet. */
const REFUSAL_MESSAGES: Record<string, number> = {
  "Used disallowed intents": GatewayCloseCodes.DisallowedIntents,
  "Used invalid intents": GatewayCloseCodes.InvalidIntents,
  "Authentication failed": GatewayCloseCodes.AuthenticationFailed,
  "An invalid token was provided.": GatewayCloseCodes.AuthenticationFailed,
};

/** Why connecting failed, in words the person running the bot can act on. */
function refusal(code: number | undefined, error?: unknown): string {
  const message = error instanceof Error ? error.message : error === undefined ? "" : String(error);
  const known = code ?? REFUSAL_MESSAGES[message];
  const reason = known !== undefined ? FATAL_CLOSE_REASONS[known] : undefined;
  if (reason) return reason;
  if (code !== undefined) return `Discord closed the gateway (code ${code})`;
  return `Could not connect to Discord: ${message}`;
}

export class DiscordChat implements ChatAdapter {
  private readonly rendered = new WeakMap<ReplyDocument, DiscordMessage[]>();
  readonly platform = "discord" as const;
  readonly client: Client;
  private readonly inFlight = new Set<Promise<void>>();
  /** Whether the gateway connection is up (set by the shard events). */
  private gatewayUp = false;
  private readonly log: Logger;

  constructor(private readonly options: DiscordChatOptions) {
    this.log = options.logger.child({ platform: "discord" });
    this.client = createDiscordClient(options);
    const interactionContext = {
      core: options.core,
      logger: this.log,
      deferAfterMs: options.deferAfterMs ?? 2000,
    };
    const messageContext = { core: options.core, logger: this.log, answerMentions: options.answerMentions };
    this.client.on(Events.InteractionCreate, (interaction) =>
      this.track(handleInteraction(interaction, interactionContext)),
    );
    this.client.on(Events.MessageCreate, (message) => this.track(handleMessage(message, messageContext)));
    this.client.on(Events.Error, (error) => this.log.error({ err: error }, "discord client error"));
    // The REST queue waits out 429s itself; operators see them in the metrics.
    this.client.rest.on("rateLimited", () => rateLimitEvents.inc({ platform: "discord" }));
    this.client.on(Events.Warn, (warning) => this.log.warn({ warning }, "discord client warning"));
    // The client stays "ready" while its gateway reconnects (REST posts still work then); readiness
    // for operators also needs the gateway, or commands and DMs would go unheard.
    this.client.on(Events.ShardReady, () => {
      this.gatewayUp = true;
    });
    this.client.on(Events.ShardReconnecting, (shard) => {
      this.gatewayUp = false;
      this.log.warn({ shard }, "discord gateway disconnected; reconnecting");
    });
    this.client.on(Events.ShardResume, (shard, replayed) => {
      this.gatewayUp = true;
      this.log.info({ shard, replayed }, "discord gateway resumed");
    });
    this.client.on(Events.ShardDisconnect, (event, shard) => {
      this.gatewayUp = false;
      this.log.error(
        { shard, code: event.code, reason: FATAL_CLOSE_REASONS[event.code] },
        "discord gateway closed for good",
      );
    });
  }

  /** Log in and wait until the gateway is ready; a refusal (bad token, intents) rejects with the reason. */
  async start(): Promise<void> {
    let closedWith: number | undefined;
    let onReady: (() => void) | undefined;
    let onClosed: ((event: { code: number }) => void) | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      onReady = resolve;
      onClosed = (event) => {
        closedWith = event.code;
        reject(new Error(refusal(event.code)));
      };
      this.client.once(Events.ClientReady, onReady);
      this.client.on(Events.ShardDisconnect, onClosed);
    });
    // login() may fail first with the same refusal; the reason is then taken from its error.
    ready.catch(() => undefined);
    try {
      await this.client.login(this.options.token);
      await ready;
    } catch (error) {
      await this.client.destroy();
      throw new UserFacingError(refusal(closedWith, error), { cause: error });
    } finally {
      if (onReady) this.client.off(Events.ClientReady, onReady);
      if (onClosed) this.client.off(Events.ShardDisconnect, onClosed);
    }
    this.log.info({ user: this.client.user?.tag, id: this.client.user?.id }, "connected to Discord");
  }

  /**
   * Post a document to a channel; a failure is a DiscordPostError carrying Discord's code and whether
   * to retry. With an idempotency key each message carries a nonce Discord enforces, so a repeated
   * post (a retry after a crash) returns the message already created instead of posting it twice.
   */
  async post(channel: ChannelRef, document: ReplyDocument, options: PostOptions = {}): Promise<PostResult> {
    if (!this.client.isReady()) {
      throw new DiscordPostError(
        `Not connected to Discord; cannot post to channel ${channel.id}`,
        undefined,
        undefined,
        true,
      );
    }
    const posted: string[] = [];
    const messages = this.renderedPost(document);
    for (const [i, message] of messages.entries()) {
      const nonce = options.idempotencyKey ? messageNonce(options.idempotencyKey, i) : undefined;
      try {
        const sent = (await this.client.rest.post(Routes.channelMessages(channel.id), {
          body: { ...messageBody(message), ...(nonce ? { nonce, enforce_nonce: true } : {}) },
        })) as RESTPostAPIChannelMessageResult;
        posted.push(sent.id);
      } catch (error) {
        throw toPostError(error, channel.id, posted);
      }
    }
    return { messageId: posted[0] as string };
  }

  /** A direct message to one person (a paused subscription's owner). */
  async notifyUser(user: { id: string }, text: string): Promise<void> {
    const dm = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: user.id } })) as {
      id: string;
    };
    await this.client.rest.post(Routes.channelMessages(dm.id), {
      body: { content: inert(text).slice(0, 2000), allowed_mentions: { parse: [] } },
    });
  }

  /** A digest shared by many channels is one document: render it once. */
  private renderedPost(document: ReplyDocument): DiscordMessage[] {
    let messages = this.rendered.get(document);
    if (!messages) {
      messages = renderDiscord(document);
      this.rendered.set(document, messages);
    }
    return messages;
  }

  /** Logged in with the gateway connected: commands, mentions and DMs reach the bot. */
  isReady(): boolean {
    return this.client.isReady() && this.gatewayUp;
  }

  /** Let replies in progress finish, then disconnect. */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.client.destroy();
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.log.error({ err: error }, "discord event handler failed"),
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

/** The REST body of a rendered message: embeds, and mentions that can never ping. */
export function messageBody(message: DiscordMessage) {
  return { embeds: message.embeds, allowed_mentions: { parse: message.allowedMentions.parse } };
}

/** Discord nonces are at most 25 characters: a digest of the delivery key and the message's place in the post. */
export function messageNonce(idempotencyKey: string, index: number): string {
  return createHash("sha256").update(`${idempotencyKey}#${index}`).digest("base64url").slice(0, 25);
}
