/** In-process tests log through this: the bot's redaction, and every line kept for the secret scan. */
import pino, { type Logger } from "pino";
import { REDACT_PATHS } from "../../src/logger.js";
import { recordOutput } from "./output-capture.js";

/**
 * A pino logger for in-process tests, redacting like the bot's own logger (src/logger.ts), whose
 * JSON lines are kept for the scan and also handed to `onLine`.
 */
export function captureLogger(
  options: { level?: string; label?: string; onLine?: (line: string) => void } = {},
): Logger {
  const output = recordOutput(options.label ?? "in-process log");
  return pino(
    { level: options.level ?? "trace", redact: { paths: REDACT_PATHS, censor: "[redacted]" } },
    {
      write(line: string) {
        output.text += line;
        options.onLine?.(line);
      },
    },
  );
}
