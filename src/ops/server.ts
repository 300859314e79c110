/**
 * Health and metrics over HTTP: /healthz (the process is up), /readyz (the store answers and every
 * platform is connected), /metrics (Prometheus). The routes are plain handlers so that Slack's HTTP
 * mode can serve them on its own server; otherwise they get a small server of their own.
 */
import http from "node:http";
import type { ChatAdapter } from "../core/port.js";
import type { Store } from "../store/store.js";
import { digestsPending, registry } from "./metrics.js";

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface OpsRoute {
  path: string;
  method: "GET";
  handler: RouteHandler;
}

export function opsRoutes(store: Store, adapters: () => ChatAdapter[]): OpsRoute[] {
  const send = (res: http.ServerResponse, status: number, body: string, type = "application/json") => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(body);
  };
  return [
    {
      path: "/healthz",
      method: "GET",
      handler: (_req, res) => send(res, 200, JSON.stringify({ status: "ok" })),
    },
    {
      path: "/readyz",
      method: "GET",
      handler: (_req, res) => {
        void (async () => {
          const checks: Record<string, boolean> = {};
          try {
            await store.countArticles();
            checks.store = true;
          } catch {
            checks.store = false;
          }
          for (const a of adapters()) checks[a.platform] = a.isReady ? a.isReady() : true;
          const ready = Object.values(checks).every(Boolean);
          send(res, ready ? 200 : 503, JSON.stringify({ status: ready ? "ready" : "not ready", checks }));
        })();
      },
    },
    {
      path: "/metrics",
      method: "GET",
      handler: (_req, res) => {
        void (async () => {
          try {
            digestsPending.set((await store.ledger.listDeliveries({ status: "pending" })).length);
          } catch {
            // The store being down shows in /readyz; metrics still answer.
          }
          send(res, 200, await registry.metrics(), registry.contentType);
        })();
      },
    },
  ];
}

/** A server of its own for the routes, on `port` (0: any free port). */
export function startOpsServer(routes: OpsRoute[], port: number, host = "0.0.0.0"): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route) route.handler(req, res);
    else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "not found" }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
