/**
 * A small Discord on 127.0.0.1 for tests: the REST routes the bot uses and a gateway that says
 * HELLO, acknowledges heartbeats, answers IDENTIFY with READY (and GUILD_CREATE) and dispatches
 * whatever events a test sends. One http.Server serves both, as the real client expects.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, URL-decoded segment by segment ("/webhooks/1/tok/messages/@original"). */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body as the client sent it
  body: any;
  at: number;
}

export interface CannedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A fault on one channel-message request: an error status, an answer that never comes (the client
 * times out), or a connection dropped mid-request. With `applied`, the message is created first, as
 * when Discord did its part and only the answer was lost.
 */
export type MessageFault =
  | { kind: "status"; status: number; applied?: boolean }
  | { kind: "hang"; applied?: boolean }
  | { kind: "reset"; applied?: boolean };

export interface FakeGuild {
  id: string;
  channelId: string;
  threadId: string;
}

type Json = Record<string, unknown>;

let lastId = 1_300_000_000_000_000_000n;
/** A fresh snowflake-shaped id. */
export function snowflake(): string {
  lastId += 1n;
  return lastId.toString();
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly identifies: Json[] = [];
  readonly resumes: Json[] = [];
  readonly botUser = {
    id: "1100000000000000001",
    username: "newsbrief",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
  };
  readonly applicationId = "1200000000000000002";
  readonly guild: FakeGuild = {
    id: "1300000000000000003",
    channelId: "1300000000000000004",
    threadId: "1300000000000000005",
  };
  /** Registered commands by scope: "global" or a guild id. */
  readonly commands = new Map<string, Json[]>();
  /** Messages created by channel id (channel posts, interaction replies and follow-ups alike). */
  readonly messages = new Map<string, Json[]>();
  /** IDENTIFY with any of these intent bits is refused with close code 4014, as Discord does. */
  refusedIntents = 0;
  /** Channel messages are created one at a time, each taking this long: a slow platform, for crash tests. */
  messageDelayMs = 0;
  /**
   * Discord's limits on channel messages, scaled for benchmarks: a global budget per second and a
   * bucket per channel, with 429s and rate-limit headers as Discord sends them.
   */
  limits?: { globalPerSecond: number; perChannel: number; perChannelWindowMs: number };
  /** 429 responses sent because of `limits`. */
  rateLimited = 0;
  /** While true, gateway connections are refused (the socket is closed before the upgrade): Discord unreachable. */
  gatewayRefused = false;
  /** Faults injected so far, by kind. */
  readonly faultsServed = { status: 0, hang: 0, reset: 0 };
  private readonly messageFaults: MessageFault[] = [];
  private messageQueue: Promise<unknown> = Promise.resolve();
  private globalWindow = { second: 0, count: 0 };
  private readonly channelWindows = new Map<string, number[]>();

  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly gateway = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly canned: { match: (r: RecordedRequest) => boolean; response: CannedResponse }[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly nonces = new Map<string, Json>();
  private sequence = 0;
  private port = 0;

  async start(): Promise<void> {
    this.server.on("upgrade", (req, socket, head) => {
      if (this.gatewayRefused) {
        socket.destroy();
        return;
      }
      this.gateway.handleUpgrade(req, socket, head, (ws) => this.connect(ws));
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get apiBaseUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Answer the next request that matches with this response instead of the normal one. */
  respondOnce(match: (r: RecordedRequest) => boolean, response: CannedResponse): void {
    this.canned.push({ match, response });
  }

  /** Faults for the next channel-message requests (after rate limits), one per request, in order. */
  injectMessageFaults(...faults: MessageFault[]): void {
    this.messageFaults.push(...faults);
  }

  /** Injected faults not yet served. */
  get pendingFaults(): number {
    return this.messageFaults.length;
  }

  /** The first request from index `from` on that matches, waiting for it if it has not come yet. */
  async waitForRequest(
    match: (r: RecordedRequest) => boolean,
    from = 0,
    timeoutMs = 5000,
  ): Promise<RecordedRequest> {
    const found = () => this.requests.slice(from).find(match);
    const now = found();
    if (now) return now;
    return new Promise((resolve, reject) => {
      const check = () => {
        const r = found();
        if (!r) return;
        cleanup();
        resolve(r);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.requests.slice(from).map((r) => `${r.method} ${r.path}`);
        reject(new Error(`no matching request within ${timeoutMs} ms; saw: ${seen.join(", ") || "nothing"}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Send a gateway dispatch (MESSAGE_CREATE, INTERACTION_CREATE…) to every connected client. */
  dispatch(event: string, data: unknown): void {
    for (const ws of this.sockets) this.send(ws, { op: 0, t: event, s: ++this.sequence, d: data });
  }

  /** Drop every gateway connection, as a network failure would. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  get connections(): number {
    return this.sockets.size;
  }

  private connect(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    this.send(ws, { op: 10, s: null, t: null, d: { heartbeat_interval: 41_250 } });
    ws.on("message", (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; d: Json };
      if (payload.op === 1) this.send(ws, { op: 11, s: null, t: null, d: null });
      else if (payload.op === 2) this.identify(ws, payload.d);
      else if (payload.op === 6) {
        this.resumes.push(payload.d);
        this.send(ws, { op: 0, t: "RESUMED", s: ++this.sequence, d: {} });
      }
    });
  }

  private identify(ws: WebSocket, d: Json): void {
    this.identifies.push(d);
    if ((Number(d.intents) & this.refusedIntents) !== 0) {
      ws.close(4014, "Disallowed intent(s).");
      return;
    }
    this.send(ws, {
      op: 0,
      t: "READY",
      s: ++this.sequence,
      d: {
        v: 10,
        user: this.botUser,
        guilds: [{ id: this.guild.id, unavailable: true }],
        session_id: "fake-session",
        resume_gateway_url: `ws://127.0.0.1:${this.port}`,
        shard: [0, 1],
        application: { id: this.applicationId, flags: 0 },
      },
    });
    this.send(ws, { op: 0, t: "GUILD_CREATE", s: ++this.sequence, d: this.guildPayload() });
  }

  private guildPayload(): Json {
    const { id, channelId, threadId } = this.guild;
    return {
      id,
      name: "Newsroom",
      icon: null,
      owner_id: "1400000000000000009",
      unavailable: false,
      joined_at: "2020-06-01T00:00:00.000Z",
      large: false,
      member_count: 2,
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        {
          id,
          name: "@everyone",
          permissions: "1024",
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      channels: [
        { id: channelId, type: 0, name: "news", guild_id: id, position: 0, permission_overwrites: [] },
      ],
      threads: [
        {
          id: threadId,
          type: 11,
          name: "ceasefire questions",
          guild_id: id,
          parent_id: channelId,
          owner_id: "1400000000000000009",
          member_count: 2,
          message_count: 0,
          thread_metadata: {
            archived: false,
            auto_archive_duration: 1440,
            archive_timestamp: "2020-06-01T00:00:00.000Z",
            locked: false,
          },
        },
      ],
      members: [],
      presences: [],
      voice_states: [],
    };
  }

  private send(ws: WebSocket, payload: unknown): void {
    ws.send(JSON.stringify(payload));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname
      .replace(/^\/api\/v10/, "")
      .split("/")
      .map((s) => decodeURIComponent(s))
      .join("/");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      headers: req.headers,
      body: raw && req.headers["content-type"]?.includes("json") ? JSON.parse(raw) : raw || undefined,
      at: Date.now(),
    };
    this.requests.push(recorded);
    for (const wake of [...this.waiters]) wake();

    const messageChannel =
      recorded.method === "POST" ? path.match(/^\/channels\/(\d+)\/messages$/)?.[1] : undefined;
    if (messageChannel && this.limits) {
      const limited = this.overLimit(messageChannel);
      if (limited) {
        this.rateLimited++;
        res.writeHead(429, { "content-type": "application/json", ...limited.headers });
        res.end(JSON.stringify(limited.body));
        return;
      }
    }
    const fault = messageChannel ? this.messageFaults.shift() : undefined;
    if (fault) {
      this.faultsServed[fault.kind]++;
      if (fault.applied) this.route(recorded);
      if (fault.kind === "reset") req.socket.destroy();
      else if (fault.kind === "status") {
        res.writeHead(fault.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: `${fault.status}: injected fault`, code: 0 }));
      }
      // A hang is never answered: the client gives up and closes the connection, or stop() does.
      return;
    }
    if (messageChannel && this.messageDelayMs > 0) {
      const turn = this.messageQueue.then(() => new Promise((r) => setTimeout(r, this.messageDelayMs)));
      this.messageQueue = turn;
      await turn;
    }
    const cannedIndex = this.canned.findIndex((c) => c.match(recorded));
    const response =
      cannedIndex >= 0 ? this.canned.splice(cannedIndex, 1)[0]?.response : this.route(recorded);
    const {
      status,
      body,
      headers: routeHeaders = {},
    } = response ?? { status: 404, body: { code: 0, message: "404: Not Found" } };
    const headers =
      messageChannel && this.limits
        ? { ...routeHeaders, ...this.bucketHeaders(messageChannel) }
        : routeHeaders;
    res.writeHead(status, body === undefined ? headers : { "content-type": "application/json", ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  /** The bucket headers Discord sends with every message it creates, which clients pace themselves by. */
  private bucketHeaders(channelId: string): Record<string, string> {
    const limits = this.limits as NonNullable<FakeDiscord["limits"]>;
    const now = Date.now();
    const window = this.channelWindows.get(channelId) ?? [];
    const resetAfter = window.length ? ((window[0] as number) + limits.perChannelWindowMs - now) / 1000 : 0;
    return {
      "x-ratelimit-bucket": `messages-${channelId}`,
      "x-ratelimit-limit": String(limits.perChannel),
      "x-ratelimit-remaining": String(Math.max(0, limits.perChannel - window.length)),
      "x-ratelimit-reset-after": resetAfter.toFixed(3),
      "x-ratelimit-reset": ((now + resetAfter * 1000) / 1000).toFixed(3),
    };
  }

  /** A 429 when the global budget or the channel's bucket is spent; otherwise counts the request. */
  private overLimit(channelId: string): { headers: Record<string, string>; body: Json } | undefined {
    const limits = this.limits as NonNullable<FakeDiscord["limits"]>;
    const now = Date.now();
    // The global budget is counted in whole seconds, as a fixed window.
    const second = Math.floor(now / 1000);
    if (this.globalWindow.second !== second) this.globalWindow = { second, count: 0 };
    if (this.globalWindow.count >= limits.globalPerSecond) {
      const retry = ((second + 1) * 1000 - now) / 1000;
      return {
        headers: {
          "retry-after": retry.toFixed(3),
          "x-ratelimit-global": "true",
          "x-ratelimit-scope": "global",
        },
        body: { message: "You are being rate limited.", retry_after: retry, global: true },
      };
    }
    const window = (this.channelWindows.get(channelId) ?? []).filter(
      (t) => t > now - limits.perChannelWindowMs,
    );
    if (window.length >= limits.perChannel) {
      const retry = ((window[0] as number) + limits.perChannelWindowMs - now) / 1000;
      return {
        headers: {
          "retry-after": retry.toFixed(3),
          "x-ratelimit-scope": "user",
          "x-ratelimit-bucket": `messages-${channelId}`,
          "x-ratelimit-limit": String(limits.perChannel),
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset-after": retry.toFixed(3),
        },
        body: { message: "You are being rate limited.", retry_after: retry, global: false },
      };
    }
    this.globalWindow.count++;
    window.push(now);
    this.channelWindows.set(channelId, window);
    return undefined;
  }

  /** The normal answer of each route the bot uses. */
  private route(r: RecordedRequest): CannedResponse | undefined {
    const { method, path } = r;
    if (method === "GET" && path === "/gateway/bot") {
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
        },
      };
    }
    if (method === "GET" && path === "/applications/@me") {
      return { status: 200, body: { id: this.applicationId, name: "newsbrief", bot_public: true } };
    }
    if (method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    const webhook = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/);
    if (webhook) {
      const [, , token, messageId] = webhook;
      const channel = `webhook:${token}`;
      if (method === "POST" && !messageId) return { status: 200, body: this.store(channel, r.body) };
      if (method === "PATCH" && messageId)
        return { status: 200, body: this.store(channel, r.body, messageId) };
      if (method === "DELETE" && messageId) return { status: 204 };
    }
    const channelMessages = path.match(/^\/channels\/(\d+)\/messages$/);
    if (method === "POST" && channelMessages) {
      const channelId = channelMessages[1] as string;
      // Discord's enforced nonce: a repeat within minutes returns the message already created.
      const nonce = r.body?.enforce_nonce ? r.body.nonce : undefined;
      const repeat = nonce ? this.nonces.get(`${channelId}:${nonce}`) : undefined;
      if (repeat) return { status: 200, body: repeat };
      const created = this.store(channelId, r.body);
      if (nonce) this.nonces.set(`${channelId}:${nonce}`, created);
      return { status: 200, body: created };
    }
    const commands = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    if (commands) {
      const [, applicationId, guildId] = commands;
      const scope = guildId ?? "global";
      if (method === "GET") return { status: 200, body: this.commands.get(scope) ?? [] };
      if (method === "PUT") {
        const list = (r.body as Json[]).map((c) => ({
          id: snowflake(),
          application_id: applicationId,
          version: snowflake(),
          ...(guildId ? { guild_id: guildId } : {}),
          ...c,
        }));
        this.commands.set(scope, list);
        return { status: 200, body: list };
      }
    }
    return undefined;
  }

  private store(channelId: string, body: Json | undefined, id?: string): Json {
    const message = {
      id: id && id !== "@original" ? id : snowflake(),
      channel_id: channelId.startsWith("webhook:") ? this.guild.channelId : channelId,
      author: this.botUser,
      content: body?.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      pinned: false,
      type: 0,
      flags: body?.flags ?? 0,
    };
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
    return message;
  }
}
