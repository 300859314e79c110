/**
 * Running the bot: the configured chat platforms (or the console chat when there are none), with the
 * digest scheduler delivering through the same adapters, until the end of input or a signal.
 */
import type http from "node:http";
import { ConsoleChat } from "./adapters/console/console-chat.js";
import type { App } from "./app.js";
import { parse } from "./cli/commands.js";
import type { Platform } from "./core/command.js";
import { createRequestLimits } from "./core/limits.js";
import type { ChatAdapter } from "./core/port.js";
import { DigestDelivery } from "./digests/delivery.js";
import { DigestScheduler } from "./digests/scheduler.js";
import { opsRoutes, startOpsServer } from "./ops/server.js";
import { createPlatformAdapters } from "./platforms.js";
import { announceDisabled } from "./sources/announce.js";
import { SourcePoller } from "./sources/poller.js";
import { attachSourceService } from "./sources/registry.js";
import { SourceService } from "./sources/service.js";
import { sourceSettings } from "./sources/settings.js";

/** Posts to platforms in flight at once during a digest fan-out; each platform library queues within its limits. */
const FAN_OUT_CONCURRENCY = 64;

function startDigests(app: App, adapters: ChatAdapter[]): DigestScheduler {
  const byPlatform = new Map<Platform, ChatAdapter>(adapters.map((a) => [a.platform, a]));
  const delivery = new DigestDelivery({
    core: app.core,
    adapters: byPlatform,
    logger: app.logger,
    catchupHours: app.config.digests.catchupHours,
    leaseSeconds: app.config.digests.leaseSeconds,
    concurrency: FAN_OUT_CONCURRENCY,
  });
  const scheduler = new DigestScheduler({
    ledger: app.core.store.ledger,
    delivery,
    logger: app.logger,
    catchupHours: app.config.digests.catchupHours,
  });
  app.core.digests?.attach(scheduler, delivery);
  return scheduler;
}

/** The feed poller, and the same source service for chat commands (/sources add|list|remove). */
function startSources(app: App, adapters: ChatAdapter[]): SourcePoller {
  const service = new SourceService(app.core.store, sourceSettings(app.config), app.logger);
  attachSourceService(service);
  return new SourcePoller({
    service,
    logger: app.logger,
    onDisabled: announceDisabled(app.core.store, () => adapters, app.logger),
  });
}

export async function runBot(app: App, options: { consoleOnly: boolean; rest: string[] }): Promise<number> {
  const { values } = parse(options.rest, options.consoleOnly ? {} : { console: { type: "boolean" } });
  const platforms = options.consoleOnly ? [] : await createPlatformAdapters(app);
  const chat =
    platforms.length === 0 || values.console
      ? new ConsoleChat({
          core: app.core,
          input: process.stdin,
          output: process.stdout,
          interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        })
      : undefined;
  const adapters: ChatAdapter[] = chat ? [...platforms, chat] : platforms;
  app.core.limits = createRequestLimits(app.config.limits);
  const scheduler = startDigests(app, adapters);
  const poller = startSources(app, adapters);
  const shutdownMs = app.config.shutdownSeconds * 1000;
  const ops = await startOps(app, adapters, platforms.length > 0);
  try {
    for (const adapter of platforms) await adapter.start();
    await scheduler.start();
    await poller.start();
    if (platforms.length > 0)
      app.logger.info({ platforms: platforms.map((a) => a.platform) }, "newsbrief is running");
    if (chat) {
      const leave = () => void chat.stop();
      process.once("SIGINT", leave);
      process.once("SIGTERM", leave);
      await chat.start();
    } else await waitForSignal();
  } finally {
    app.logger.info("shutting down");
    await poller.stop(shutdownMs);
    await scheduler.stop(shutdownMs);
    for (const adapter of platforms) await adapter.stop();
    ops?.close();
  }
  return 0;
}

/**
 * Health and metrics on PORT while serving platforms (or in the console when PORT is set), unless
 * Slack's HTTP mode serves them on its own server.
 */
async function startOps(
  app: App,
  adapters: ChatAdapter[],
  serving: boolean,
): Promise<http.Server | undefined> {
  const slackHttpMode = app.config.slack && !app.config.slack.appToken;
  if (slackHttpMode || (!serving && !process.env.PORT)) return undefined;
  const server = await startOpsServer(
    opsRoutes(app.core.store, () => adapters),
    app.config.port,
  );
  app.logger.info({ port: app.config.port }, "health and metrics on /healthz, /readyz, /metrics");
  return server;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
