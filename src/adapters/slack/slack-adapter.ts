/**
 * The Slack adapter, on Bolt. Slash commands from the shared command registry, @mentions and direct
 * messages as questions (answered in their thread, the thread being the conversation), replies
 * rendered as Block Kit, and channel posts paced per channel. Runs in Socket Mode (app token, no
 * public URL) or HTTP mode (signing secret, Bolt's HTTP receiver at /slack/events).
 */

import type { AddressInfo } from "node:net";
import {
  App,
  type CustomRoute,
  type RespondFn,
  type SlashCommand,
  SocketModeReceiver,
  webApi,
} from "@slack/bolt";
import type { Logger } from "pino";
import { COMMANDS, findCommand } from "../../../commands/index.js";
import type { ChannelRef, CommandDefinition, CommandRequest } from "../../core/command.js";
import type { Core } from "../../core/core.js";
import { dispatch, questionRequest } from "../../core/dispatch.js";
import { UsageError } from "../../core/errors.js";
import type { ChatAdapter, PostOptions, PostResult } from "../../core/port.js";
import { notice, type ReplyDocument } from "../../core/reply.js";
import { splitCommandLine } from "../../core/text-command.js";
import { rateLimitEvents } from "../../ops/metrics.js";
import { boltLogger } from "./bolt-logger.js";
import { withCommandPrefix } from "./command-names.js";
import { parseCommandText } from "./command-text.js";
import { escapeText, slackTextToPlain, stripLeadingMentions } from "./escape.js";
import { ChannelPacer } from "./pacing.js";
import { canManageSlackChannel } from "./permissions.js";
import { type SlackPostError, toSlackPostError } from "./post-error.js";
import { renderSlackMessage, type SlackMessage } from "./render-blocks.js";
import { WorkspacePacer } from "./workspace-pacer.js";

type BoltApp = InstanceType<typeof App>;
type WebClient = InstanceType<typeof webApi.WebClient>;

export type SlackMode =
  | { kind: "socket"; appToken: string }
  | { kind: "http"; signingSecret: string; port: number; host?: string };

export interface SlackAdapterOptions {
  core: Core;
  logger: Logger;
  botToken: string;
  /** Web API base, ending in "/" (https://slack.com/api/ unless a proxy or a test server). */
  apiUrl: string;
  /** Prefix of every slash command ("nb-" gives /nb-brief). */
  commandPrefix?: string;
  mode: SlackMode;
  /** Minimum spacing of posts to one channel (Slack allows about one message per second). */
  postIntervalMs?: number;
  /** Extra GET routes on HTTP mode's server (health and metrics), which then needs no server of its own. */
  routes?: CustomRoute[];
  /** How long one Web API request may take before it is abandoned (15 s unless set). */
  requestTimeoutMs?: number;
}

/** Slack errors that mean the bot token itself is wrong: starting would only fail later, less clearly. */
const TOKEN_REFUSED = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "account_inactive",
  "token_expired",
]);
/** Longest Retry-After a post waits for before giving up (and reporting `ratelimited`). */
const MAX_RETRY_AFTER_SECONDS = 30;
/** Times one post is tried again after a 429 before it is reported as `ratelimited`. */
const MAX_RATE_LIMIT_RETRIES = 5;
/** Metadata event type marking posts made with an idempotency key. */
const POST_METADATA_EVENT = "newsbrief_post";
/** How long stop() waits for replies still being written. */
const STOP_GRACE_MS = 10_000;

interface BotIdentity {
  botUserId?: string;
  botId?: string;
}

interface ThreadMessage {
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  bot_id?: string;
  subtype?: string;
  channel_type?: string;
}

export class SlackAdapter implements ChatAdapter {
  /** The workspace's limit is shared by every channel: after a 429, posts are spaced for all of them. */
  private readonly workspace = new WorkspacePacer();
  private readonly rendered = new WeakMap<ReplyDocument, SlackMessage>();
  readonly platform = "slack" as const;
  private readonly client: WebClient;
  /**
   * Posts with an idempotency key go out once per call: a request that timed out, lost its
   * connection or got a 5xx may still have been posted, and the client's own retry would post it
   * again. Their retry is the caller's, as a repeat, which looks for the key in the channel first.
   */
  private readonly keyedClient: WebClient;
  private readonly app: BoltApp;
  private readonly pacer: ChannelPacer;
  private readonly logger: Logger;
  private readonly prefix: string;
  private identity?: BotIdentity;
  private identityLookup?: Promise<BotIdentity>;
  private readonly seenEvents = new RecentKeys(500);
  private readonly inFlight = new Set<Promise<unknown>>();
  private listening?: AddressInfo;
  private started = false;
  /** Socket Mode only: whether the WebSocket to Slack is up (the client reconnects on its own). */
  private socketConnected?: boolean;

  constructor(private readonly options: SlackAdapterOptions) {
    this.logger = options.logger.child({ platform: "slack" });
    this.prefix = options.commandPrefix ?? "";
    this.pacer = new ChannelPacer(options.postIntervalMs ?? 1000);
    const sdkLogger = boltLogger(this.logger);
    const clientOptions = { slackApiUrl: options.apiUrl, logger: sdkLogger };
    const requestOptions = {
      ...clientOptions,
      rejectRateLimitedCalls: true,
      timeout: options.requestTimeoutMs ?? 15_000,
    };
    this.client = new webApi.WebClient(options.botToken, {
      ...requestOptions,
      // Network trouble and 5xx are retried a little; a 429 is handled in postMessage (wait, then again).
      retryConfig: { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 3000 },
    });
    this.keyedClient = new webApi.WebClient(options.botToken, {
      ...requestOptions,
      retryConfig: { retries: 0 },
    });
    const mode = options.mode;
    // Socket Mode's receiver is built here (rather than by Bolt) to watch its connection for isReady().
    const receiver =
      mode.kind === "socket"
        ? new SocketModeReceiver({
            appToken: mode.appToken,
            logger: sdkLogger,
            // The Socket Mode client reads its Web API base from here, not from the app's clientOptions.
            installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
          })
        : undefined;
    if (receiver) {
      this.socketConnected = false;
      receiver.client.on("connected", () => {
        this.socketConnected = true;
      });
      for (const state of ["disconnecting", "disconnected", "reconnecting"]) {
        receiver.client.on(state, () => {
          this.socketConnected = false;
        });
      }
    }
    this.app = new App({
      // Our own authorize: Bolt's default calls auth.test from the constructor, and a failure there
      // would surface as an unhandled rejection. This one never throws (see botIdentity()).
      authorize: async () => ({ botToken: options.botToken, ...(await this.botIdentity()) }),
      logger: sdkLogger,
      clientOptions,
      ...(receiver
        ? { receiver }
        : {
            signingSecret: (mode as { signingSecret: string }).signingSecret,
            customRoutes: options.routes ?? [],
          }),
    });
    this.app.error(async (error) => {
      this.logger.error({ err: error }, "Slack event failed");
    });
    this.registerCommands();
    this.registerMessages();
  }

  /** Where HTTP mode listens (after start). */
  get address(): AddressInfo | undefined {
    return this.listening;
  }

  async start(): Promise<void> {
    await this.verifyBotToken();
    const mode = this.options.mode;
    try {
      if (mode.kind === "http") {
        const server = (await this.app.start({ port: mode.port, host: mode.host })) as {
          address(): AddressInfo | string | null;
        };
        const address = server.address();
        if (address && typeof address === "object") this.listening = address;
        this.logger.info({ port: this.listening?.port, path: "/slack/events" }, "Slack HTTP mode listening");
      } else {
        await this.app.start();
        this.logger.info("Slack Socket Mode connected");
      }
      this.started = true;
    } catch (error) {
      throw this.startError(error);
    }
  }

  /**
   * Post to a channel (scheduled digests, notices), paced per channel. With an idempotency key the
   * message carries it as metadata, and a post whose key is already among the channel's recent
   * messages (a retry after a crash) is not repeated. Failures throw SlackPostError (code, retryable).
   */
  async post(channel: ChannelRef, document: ReplyDocument, options?: PostOptions): Promise<PostResult> {
    const key = options?.idempotencyKey;
    // Looking for an earlier post costs a history call (a low rate tier): only for a repeat.
    if (key && options?.repeat) {
      const existing = await this.findPostedWithKey(channel.id, key);
      if (existing) return { messageId: existing };
    }
    const metadata = key ? { event_type: POST_METADATA_EVENT, event_payload: { key } } : undefined;
    let message = this.rendered.get(document);
    if (!message) {
      // A digest shared by many channels is one document: render it once.
      message = this.render(document);
      this.rendered.set(document, message);
    }
    const ts = await this.postMessage(channel.id, message, undefined, metadata);
    return { messageId: ts };
  }

  /** Block Kit for a reply, with commands named as this workspace installed them. */
  private render(document: ReplyDocument): SlackMessage {
    return renderSlackMessage(
      withCommandPrefix(
        document,
        this.prefix,
        COMMANDS.map((c) => c.name),
      ),
    );
  }

  /** A direct message to one person (a paused subscription's owner): Slack opens the DM from the user id. */
  async notifyUser(user: { id: string }, text: string): Promise<void> {
    await this.client.chat.postMessage({ channel: user.id, text: escapeText(text), unfurl_links: false });
  }

  /** Connected (Socket Mode) or listening (HTTP mode). */
  isReady(): boolean {
    if (!this.started) return false;
    return this.socketConnected ?? true;
  }

  async stop(): Promise<void> {
    if (this.started) {
      this.started = false;
      try {
        await this.app.stop();
      } catch (error) {
        this.logger.warn({ err: error }, "stopping the Slack receiver failed");
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => {
      timer = setTimeout(resolve, STOP_GRACE_MS);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
  }

  // --- inbound --------------------------------------------------------------------------------

  private registerCommands(): void {
    const names = COMMANDS.map((c) => `/${this.prefix}${c.name}`);
    for (const def of COMMANDS) {
      this.app.command(`/${this.prefix}${def.name}`, async ({ command, ack, respond }) => {
        // Slack wants the acknowledgement within 3 s; the answer follows through respond().
        await ack();
        await this.track(this.answerSlashCommand(def, command, respond));
      });
    }
    // A command the app has but this bot does not answer (a prefix set in the manifest and not in
    // SLACK_COMMAND_PREFIX, or the other way round) would otherwise time out with no explanation.
    this.app.command(/^\/.+/, async ({ command, ack }) => {
      if (names.includes(command.command)) return;
      this.logger.warn({ command: command.command }, "slash command not answered by this bot");
      await ack({
        response_type: "ephemeral",
        text: escapeText(
          `This bot does not answer ${command.command}; its commands are ${names.join(", ")}. ` +
            "The app's manifest and SLACK_COMMAND_PREFIX must use the same prefix.",
        ),
      });
    });
  }

  private registerMessages(): void {
    this.app.event("app_mention", async ({ event, body }) => {
      const message = event as unknown as ThreadMessage;
      if (!this.firstDelivery(body)) return;
      await this.track(this.answerInThread(message, (body as { team_id?: string }).team_id, false));
    });
    this.app.message(async ({ message, body }) => {
      const m = message as unknown as ThreadMessage;
      // Only direct messages; edits, joins, files and other bots' (and our own) messages are not questions.
      if (m.channel_type !== "im" || m.subtype || m.bot_id) return;
      if (!this.firstDelivery(body)) return;
      await this.track(this.answerInThread(m, (body as { team_id?: string }).team_id, true));
    });
  }

  private async answerSlashCommand(def: CommandDefinition, command: SlashCommand, respond: RespondFn) {
    const channel: ChannelRef = {
      platform: "slack",
      id: command.channel_id,
      workspace: command.team_id,
      isDM: command.channel_name === "directmessage" || command.channel_id.startsWith("D"),
    };
    const parsed = parseCommandText(def, slackTextToPlain(command.text ?? ""));
    const reply = parsed.ok
      ? await dispatch(this.options.core, {
          command: def.name,
          subcommand: parsed.subcommand,
          options: parsed.options,
          user: {
            id: command.user_id,
            name: command.user_name,
            canManageChannel: parsed.needsManager
              ? await canManageSlackChannel(this.client, command.user_id, channel, this.logger)
              : false,
          },
          channel,
          conversationId: `slack:${command.team_id}:${command.channel_id}:${command.user_id}`,
        })
      : notice(parsed.error, "warning");
    const message = this.render(reply);
    try {
      await respond({
        response_type: reply.private ? "ephemeral" : "in_channel",
        text: message.text,
        blocks: message.blocks as never,
      });
    } catch (error) {
      // An expired or refused response_url: post through the Web API instead.
      this.logger.warn({ err: error, command: def.name }, "respond() failed; posting through the Web API");
      await this.deliver(reply, message, channel, command.user_id).catch((e) =>
        this.logger.error({ err: e, command: def.name }, "could not deliver a slash command reply"),
      );
    }
  }

  /** A mention or a DM: a question (or "/command …") answered in its thread, the thread being the conversation. */
  private async answerInThread(m: ThreadMessage, teamId: string | undefined, isDM: boolean): Promise<void> {
    if (!m.user || m.bot_id) return;
    const identity = await this.botIdentity();
    if (identity.botUserId && m.user === identity.botUserId) return;
    const threadTs = m.thread_ts ?? m.ts;
    const channel: ChannelRef = { platform: "slack", id: m.channel, workspace: teamId, isDM };
    const reply = await this.messageReply(m.text ?? "", identity.botUserId, {
      user: { id: m.user, canManageChannel: false },
      channel,
      conversationId: `slack:${teamId ?? "-"}:${m.channel}:${threadTs}`,
    });
    try {
      await this.deliver(reply, this.render(reply), channel, m.user, threadTs);
    } catch (error) {
      this.logger.error({ err: error, channel: m.channel }, "could not post a threaded reply");
    }
  }

  private async messageReply(
    text: string,
    botUserId: string | undefined,
    base: Omit<CommandRequest, "command" | "options">,
  ): Promise<ReplyDocument> {
    const plain = slackTextToPlain(stripLeadingMentions(text), botUserId);
    if (!plain) return notice(`Ask me a question about the news, or try /${this.prefix}help.`);
    const parts = splitCommandLine(plain);
    if (!parts) return dispatch(this.options.core, questionRequest(plain, base));
    const name = parts.name.startsWith(this.prefix) ? parts.name.slice(this.prefix.length) : parts.name;
    const def = findCommand(name);
    if (!def) return notice(`Unknown command /${parts.name}. Try /${this.prefix}help.`, "warning");
    const parsed = parseCommandText(def, parts.text);
    if (!parsed.ok) return notice(parsed.error, "warning");
    const canManageChannel = parsed.needsManager
      ? await canManageSlackChannel(this.client, base.user.id, base.channel, this.logger)
      : false;
    return dispatch(this.options.core, {
      ...base,
      user: { ...base.user, canManageChannel },
      command: def.name,
      subcommand: parsed.subcommand,
      options: parsed.options,
    });
  }

  // --- outbound -------------------------------------------------------------------------------

  /** A reply where the asker sees it: private ones only to them (outside DMs), public ones in the channel. */
  private async deliver(
    reply: ReplyDocument,
    message: SlackMessage,
    channel: ChannelRef,
    userId: string,
    threadTs?: string,
  ): Promise<void> {
    if (reply.private && !channel.isDM) {
      await this.client.chat
        .postEphemeral({
          channel: channel.id,
          user: userId,
          text: message.text,
          blocks: message.blocks as never,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        })
        .catch((error: unknown) => {
          throw toSlackPostError(error, "chat.postEphemeral");
        });
      return;
    }
    await this.postMessage(channel.id, message, threadTs);
  }

  /**
   * chat.postMessage, paced per channel. A 429 waits its Retry-After and is tried again; blocks
   * Slack refuses fall back to the plain text. Failures are thrown as SlackPostError.
   */
  private postMessage(
    channelId: string,
    message: SlackMessage,
    threadTs?: string,
    metadata?: { event_type: string; event_payload: Record<string, string> },
  ): Promise<string> {
    return this.pacer.run(channelId, async () => {
      const args = {
        channel: channelId,
        text: message.text,
        blocks: message.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(metadata ? { metadata } : {}),
      };
      let result = await this.tryPostWhenOpen(args);
      // A 429 slows every post of this workspace down to the limit (see WorkspacePacer) instead of
      // failing them; one post is retried a few times at most.
      for (
        let attempt = 1;
        attempt <= MAX_RATE_LIMIT_RETRIES && !result.ok && result.error.code === "ratelimited";
        attempt++
      ) {
        const retryAfter = result.error.retryAfterSeconds ?? 1;
        if (retryAfter > MAX_RETRY_AFTER_SECONDS) break;
        rateLimitEvents.inc({ platform: "slack" });
        this.logger.info({ channel: channelId, retryAfter }, "rate limited; retrying after Retry-After");
        this.workspace.limited(retryAfter);
        result = await this.tryPostWhenOpen(args);
      }
      if (
        !result.ok &&
        (result.error.code === "invalid_blocks" || result.error.code === "msg_blocks_too_long")
      ) {
        this.logger.warn(
          { channel: channelId, code: result.error.code },
          "Slack refused the blocks; posting text only",
        );
        const { blocks: _dropped, ...textOnly } = args;
        result = await this.tryPost(textOnly);
      }
      if (!result.ok) throw result.error;
      return result.ts;
    });
  }

  /** tryPost, in its turn under the workspace's limit. */
  private async tryPostWhenOpen(
    args: Parameters<WebClient["chat"]["postMessage"]>[0],
  ): Promise<{ ok: true; ts: string } | { ok: false; error: SlackPostError }> {
    await this.workspace.turn();
    const result = await this.tryPost(args);
    if (result.ok) this.workspace.succeeded();
    return result;
  }

  /** One chat.postMessage: the new message's ts, or the failure as a SlackPostError. */
  private async tryPost(
    args: Parameters<WebClient["chat"]["postMessage"]>[0],
  ): Promise<{ ok: true; ts: string } | { ok: false; error: SlackPostError }> {
    try {
      const client = args.metadata ? this.keyedClient : this.client;
      const result = await client.chat.postMessage(args);
      return { ok: true, ts: String(result.ts ?? "") };
    } catch (error) {
      return { ok: false, error: toSlackPostError(error, "chat.postMessage") };
    }
  }

  /** The ts of a recent message in the channel posted with this idempotency key, if there is one. */
  private async findPostedWithKey(channelId: string, key: string): Promise<string | undefined> {
    try {
      const history = await this.client.conversations.history({
        channel: channelId,
        limit: 50,
        include_all_metadata: true,
      });
      const found = history.messages?.find(
        (m) =>
          m.metadata?.event_type === POST_METADATA_EVENT &&
          (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === key,
      );
      return found?.ts;
    } catch (error) {
      // Without history access the post goes ahead: a rare duplicate beats a lost digest.
      this.logger.debug(
        { code: toSlackPostError(error, "conversations.history").code },
        "idempotency check skipped",
      );
      return undefined;
    }
  }

  // --- identity and lifecycle -----------------------------------------------------------------

  /**
   * The bot's own user and bot ids (to ignore its own messages and strip its mention), from auth.test.
   * Never throws: when Slack cannot be asked, events are still answered and the lookup is tried again later.
   */
  private botIdentity(): Promise<BotIdentity> {
    if (this.identity) return Promise.resolve(this.identity);
    this.identityLookup ??= this.client.auth
      .test()
      .then((r) => {
        this.identity = { botUserId: r.user_id, botId: r.bot_id };
        return this.identity;
      })
      .catch((error: unknown) => {
        this.logger.warn(
          { code: toSlackPostError(error, "auth.test").code },
          "could not look up the bot's Slack identity",
        );
        return {};
      })
      .finally(() => {
        this.identityLookup = undefined;
      });
    return this.identityLookup;
  }

  /** A refused bot token stops the start with a clear message; Slack being unreachable does not. */
  private async verifyBotToken(): Promise<void> {
    try {
      const r = await this.client.auth.test();
      this.identity = { botUserId: r.user_id, botId: r.bot_id };
      this.logger.info({ team: r.team, bot: r.user }, "Slack bot token accepted");
    } catch (error) {
      const failure = toSlackPostError(error, "auth.test");
      if (TOKEN_REFUSED.has(failure.code)) {
        throw new UsageError(
          `Slack refused SLACK_BOT_TOKEN (${failure.code}). Copy the Bot User OAuth Token (xoxb-…) from your app's ` +
            "OAuth & Permissions page, and reinstall the app to the workspace if it was removed.",
        );
      }
      this.logger.warn({ code: failure.code }, "could not verify the Slack bot token now; carrying on");
    }
  }

  private startError(error: unknown): Error {
    const mode = this.options.mode;
    const code =
      (error as { code?: string; data?: { error?: string } }).data?.error ??
      (error as { code?: string }).code;
    if (mode.kind === "http" && code === "EADDRINUSE") {
      return new UsageError(
        `Port ${mode.port} is already in use: set PORT to a free port for Slack's HTTP mode.`,
      );
    }
    if (mode.kind === "socket" && code && TOKEN_REFUSED.has(code)) {
      return new UsageError(
        `Slack refused SLACK_APP_TOKEN (${code}). Create an app-level token (xapp-…) with the connections:write ` +
          "scope under Basic Information → App-Level Tokens.",
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new Error(
      `Could not connect to Slack (${mode.kind === "socket" ? "Socket Mode" : "HTTP mode"}): ${message}`,
      {
        cause: error,
      },
    );
  }

  /** Slack redelivers an event it thinks was not acknowledged; answer each one once. */
  private firstDelivery(body: unknown): boolean {
    const id = (body as { event_id?: string }).event_id;
    return id === undefined || this.seenEvents.add(id);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }
}

/** A bounded set of recently seen keys. */
class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly max: number) {}

  /** False when the key was already seen. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.max) this.keys.delete(this.keys.values().next().value as string);
    return true;
  }
}
