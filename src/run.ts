/** Running the bot: the configured chat platforms, or the console chat when there are none. */
import { ConsoleChat } from "./adapters/console/console-chat.js";
import type { App } from "./app.js";
import { parse } from "./cli/commands.js";
import { createPlatformAdapters } from "./platforms.js";

export async function runBot(app: App, options: { consoleOnly: boolean; rest: string[] }): Promise<number> {
  const { values } = parse(options.rest, options.consoleOnly ? {} : { console: { type: "boolean" } });
  const adapters = options.consoleOnly ? [] : await createPlatformAdapters(app);
  if (adapters.length === 0 || values.console) {
    const chat = new ConsoleChat({
      core: app.core,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    });
    await chat.start();
    for (const a of adapters) await a.stop();
    return 0;
  }
  for (const adapter of adapters) await adapter.start();
  app.logger.info({ platforms: adapters.map((a) => a.platform) }, "newsbrief is running");
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  app.logger.info("shutting down");
  for (const adapter of adapters) await adapter.stop();
  return 0;
}
