/**
 * A small fake of Slack on 127.0.0.1 for end-to-end tests with the real Bolt App: the Web API
 * (`/api/<method>`, form or JSON bodies, as @slack/web-api sends them), response_url endpoints
 * (`/respond/<id>`) and a Socket Mode WebSocket (`apps.connections.open` → `ws://…/socket`).
 * Every request is recorded; failures can be queued per method.
 */
import { EventEmitter } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  at: number;
}

export interface Response {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * One queued failure: a 429, a server error, Slack's own error, an answer that never comes (the
 * client times out) or a connection dropped mid-request. With `applied`, chat.postMessage posts the
 * message first, as when Slack did its part and only the answer was lost.
 */
export type Failure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 | 504; applied?: boolean }
  | { error: string }
  | { hang: true; applied?: boolean }
  | { reset: true; applied?: boolean };

export const BOT = { userId: "UBOT", botId: "BBOT", teamId: "T1" };

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: Response[] = [];
  readonly acks: Record<string, unknown>[] = [];
  /** Messages chat.postMessage created, as conversations.history returns them. */
  readonly posted: { channel: string; ts: string; text: unknown; metadata?: unknown }[] = [];
  /** Method → queued failures, used one per call before the method answers normally again. */
  private readonly failures = new Map<string, Failure[]>();
  private readonly handlers = new Map<string, Handler>();
  private readonly events = new EventEmitter();
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private server!: http.Server;
  /**
   * chat.postMessage limits, scaled for benchmarks: about one message per second per channel (a
   * burst of two tolerated) and a workspace budget per second, answered with 429 and Retry-After.
   */
  limits?: { perChannelPerSecond: number; workspacePerSecond: number };
  /** 429 responses sent because of `limits`. */
  rateLimited = 0;
  private workspaceWindow = { second: 0, count: 0 };
  private readonly channelPosts = new Map<string, number[]>();
  private nextTs = 1_700_000_000;
  private nextEnvelope = 1;

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** Web API calls of one method. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** Answer a method with `handler` instead of the default. */
  handle(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      void this.serve(req, res);
    });
    this.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket")) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolve with the first recorded item that matches, waiting for new records up to `timeoutMs`. */
  waitFor<T>(
    find: () => T | undefined,
    timeoutMs = 5000,
    what = "the fake Slack to see a request",
  ): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = find();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off("record", check);
      };
      this.events.on("record", check);
    });
  }

  /** Send a Socket Mode envelope to every connected client; resolves with the client's ack. */
  sendEnvelope(
    type: "slash_commands" | "events_api",
    payload: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const envelopeId = `env-${this.nextEnvelope++}`;
    const frame = JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: false });
    for (const ws of this.sockets) ws.send(frame);
    return this.waitFor(
      () => this.acks.find((a) => a.envelope_id === envelopeId),
      3000,
      `ack of ${envelopeId}`,
    );
  }

  get connectedSockets(): number {
    return this.sockets.size;
  }

  private connected(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("message", (data) => {
      try {
        this.acks.push(JSON.parse(String(data)) as Record<string, unknown>);
        this.events.emit("record");
      } catch {
        // not JSON: ignore, as Slack would
      }
    });
    ws.on("close", () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" } }));
    this.events.emit("record");
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/respond/")) {
      this.responses.push({
        id: url.pathname.slice("/respond/".length),
        body: JSON.parse(raw),
        at: Date.now(),
      });
      this.events.emit("record");
      res.writeHead(200).end("ok");
      return;
    }
    if (!url.pathname.startsWith("/api/")) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice("/api/".length);
    const args = parseArgs(raw, req.headers["content-type"] ?? "");
    const auth = req.headers.authorization;
    this.calls.push({ method, args, token: auth?.replace(/^Bearer /, ""), at: Date.now() });
    this.events.emit("record");
    if (method === "chat.postMessage" && this.limits && this.overLimit(String(args.channel))) {
      this.rateLimited++;
      res.writeHead(429, { "retry-after": "1" }).end();
      return;
    }
    const failure = this.failures.get(method)?.shift();
    if (failure && "applied" in failure && failure.applied) this.answer(method, args);
    if (failure && "reset" in failure) {
      req.socket.destroy();
      return;
    }
    // A hang is never answered: the client gives up and closes the connection, or close() does.
    if (failure && "hang" in failure) return;
    if (failure && "status" in failure) {
      const headers: Record<string, string> =
        failure.status === 429 ? { "retry-after": String(failure.retryAfter) } : {};
      res.writeHead(failure.status, headers).end();
      return;
    }
    const body = failure ? { ok: false, error: failure.error } : this.answer(method, args);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  /** Whether a post to `channel` now is over the workspace's or the channel's budget; counts it when not. */
  private overLimit(channel: string): boolean {
    const limits = this.limits as NonNullable<FakeSlack["limits"]>;
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (this.workspaceWindow.second !== second) this.workspaceWindow = { second, count: 0 };
    if (this.workspaceWindow.count >= limits.workspacePerSecond) return true;
    const recent = (this.channelPosts.get(channel) ?? []).filter((t) => t > now - 1000);
    if (recent.length >= limits.perChannelPerSecond + 1) return true;
    this.workspaceWindow.count++;
    recent.push(now);
    this.channelPosts.set(channel, recent);
    return false;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const custom = this.handlers.get(method);
    if (custom) return custom(args);
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          user_id: BOT.userId,
          bot_id: BOT.botId,
          team_id: BOT.teamId,
          user: "newsbrief",
          team: "Test",
        };
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket?ticket=t` };
      case "chat.postMessage": {
        const ts = `${this.nextTs++}.000100`;
        this.posted.push({ channel: String(args.channel), ts, text: args.text, metadata: args.metadata });
        return { ok: true, channel: args.channel, ts, message: { text: args.text, ts } };
      }
      case "conversations.history": {
        const messages = this.posted
          .filter((m) => m.channel === args.channel)
          .reverse()
          .map((m) => ({
            type: "message",
            ts: m.ts,
            text: m.text,
            ...(m.metadata ? { metadata: m.metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: `${this.nextTs++}.000200` };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Web API bodies are form-encoded with nested values (blocks) as JSON strings, or plain JSON. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json"))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (key === "blocks" || key === "attachments" || key === "metadata") args[key] = JSON.parse(value);
    else args[key] = value;
  }
  return args;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  return new FakeSlack().start();
}
