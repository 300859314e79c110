/** Bolt and the Slack SDK log through the bot's pino logger, at the same level, as `lib: "slack"` lines. */
import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "pino";

export function boltLogger(parent: Logger): SlackLogger {
  let logger = parent.child({ lib: "slack" });
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      if (!logger.isLevelEnabled(level)) return;
      const err = parts.find((p) => p instanceof Error);
      const text = parts
        .filter((p) => !(p instanceof Error))
        .map((p) => (typeof p === "string" ? p : safeJson(p)))
        .join(" ");
      if (err) logger[level]({ err }, text || (err as Error).message);
      else logger[level](text);
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    // The level is the bot's (LOG_LEVEL); the SDK asking for another one is ignored on purpose.
    setLevel: () => {},
    getLevel: () => {
      if (logger.isLevelEnabled("debug")) return LogLevel.DEBUG;
      if (logger.isLevelEnabled("info")) return LogLevel.INFO;
      if (logger.isLevelEnabled("warn")) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: (name: string) => {
      logger = parent.child({ lib: "slack", component: name });
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
