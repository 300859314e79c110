#!/usr/bin/env node
/** The `newsbrief` command line. Exit codes: 0 ok, 1 failure, 2 bad usage or invalid configuration. */
import fs from "node:fs";
import path from "node:path";
import dotenv from "dotenv";
import type { Logger } from "pino";
import { type App, createApp } from "./app.js";
import {
  askCommand,
  briefCommand,
  ingestCommand,
  summarizeCommand,
  timelineCommand,
  topicsCommand,
} from "./cli/commands.js";
import { registerCommand } from "./cli/register.js";
import { sourcesCommand } from "./cli/sources.js";
import { subscriptionsCommand } from "./cli/subscriptions.js";
import { USAGE } from "./cli/usage.js";
import { type Config, loadConfig, PACKAGE_ROOT } from "./config.js";
import { UsageError, UserFacingError } from "./core/errors.js";
import { createLogger } from "./logger.js";
import { runBot } from "./run.js";

/** Split `[--data-dir DIR] <command> [args]`; the global option may also follow the command. */
function splitGlobal(argv: string[]): { dataDir?: string; command?: string; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--data-dir") {
      const value = argv[++i];
      if (!value) throw new UsageError("--data-dir needs a directory");
      dataDir = value;
    } else if (arg.startsWith("--data-dir=")) dataDir = arg.slice("--data-dir=".length);
    else if (command === undefined && !arg.startsWith("-")) command = arg;
    else rest.push(arg);
  }
  return { dataDir, command, rest };
}

const APP_COMMANDS = new Set([
  "start",
  "chat",
  "ingest",
  "topics",
  "brief",
  "digest",
  "timeline",
  "ask",
  "register",
  "subscriptions",
  "sources",
]);

async function main(argv: string[]): Promise<number> {
  const { dataDir, command, rest } = splitGlobal(argv);
  if (command === undefined || command === "help" || rest.includes("--help") || rest.includes("-h")) {
    if (command === undefined && rest.some((a) => a === "--version" || a === "-v")) {
      const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as {
        version: string;
      };
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && rest.length > 0 ? 2 : 0;
  }
  if (command === "summarize") return summarizeCommand(rest);
  if (!APP_COMMANDS.has(command)) throw new UsageError(`Unknown command '${command}'.\n\n${USAGE}`);

  dotenv.config({ quiet: true });
  const config: Config = loadConfig(process.env, { dataDir });
  const interactive = command === "start" || command === "chat";
  const logger: Logger = createLogger({
    level:
      config.logLevel ??
      (interactive && (config.discord || config.slack) && command === "start" ? "info" : "warn"),
    production: config.env === "production",
  });
  const app: App = await createApp(config, logger);
  try {
    switch (command) {
      case "start":
      case "chat":
        return await runBot(app, { consoleOnly: command === "chat", rest });
      case "ingest":
        return await ingestCommand(app, rest);
      case "topics":
        return await topicsCommand(app, rest);
      case "brief":
        return await briefCommand(app, rest);
      case "digest":
        return await briefCommand(app, rest, true);
      case "timeline":
        return await timelineCommand(app, rest);
      case "ask":
        return await askCommand(app, rest);
      case "subscriptions":
        return await subscriptionsCommand(app, rest);
      case "sources":
        return await sourcesCommand(app, rest);
      case "register":
        return await registerCommand(app, rest);
    }
    return 2;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`newsbrief: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof UserFacingError) {
      process.stderr.write(`newsbrief: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `newsbrief: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  },
);
