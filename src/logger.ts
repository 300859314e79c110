/** pino JSON logs on stderr; pretty only on a terminal outside production. Secrets are redacted by path. */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

export const REDACT_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "password",
  "*.password",
  "databaseUrl",
  "*.databaseUrl",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "DISCORD_TOKEN",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "DATABASE_URL",
];

export function createLogger(options: { level?: string; production: boolean }): Logger {
  const level = options.level ?? "info";
  const base = { level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  if (process.stderr.isTTY && !options.production) {
    return pino(base, pretty({ destination: 2, sync: true, colorize: true, translateTime: "SYS:HH:MM:ss" }));
  }
  return pino(base, pino.destination({ fd: 2, sync: true }));
}
