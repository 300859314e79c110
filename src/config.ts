/**
 * Configuration from the environment (and a .env file), checked against one schema. Every
 * problem is reported at once, by variable name, and never with the value of a secret.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { UsageError } from "./core/errors.js";
import { type PrivateAddressPolicy, parsePrivatePolicy } from "./sources/address.js";
import { parseInterval } from "./sources/schedule.js";

/** The package root (where package.json and the built-in `briefings/` are), from source or from `dist/`. */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  NEWSBRIEF_DATA_DIR: optionalText,
  NEWSBRIEF_BRIEFINGS_DIR: optionalText,
  NEWSBRIEF_DEFAULT_TOPIC: optionalText.refine(
    (v) => v === undefined || /^[a-z0-9][a-z0-9-]{0,63}$/.test(v),
    {
      message: "must be a topic id of lower-case letters, digits and dashes",
    },
  ),
  NEWSBRIEF_TIMEZONE: optionalText.refine((v) => v === undefined || isTimeZone(v), {
    message: "must be an IANA time zone such as Europe/Berlin",
  }),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{17,20}$/.test(v), {
    message: "must be the numeric application id",
  }),
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xoxb-"), {
    message: "must start with xoxb-",
  }),
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), {
    message: "must start with xapp-",
  }),
  SLACK_SIGNING_SECRET: optionalText,
  DISCORD_API_BASE_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), {
    message: "must be an http(s) URL such as https://discord.com/api",
  }),
  /** Answer @mentions in server channels (needs the privileged Message Content intent). */
  DISCORD_ANSWER_MENTIONS: z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .optional()
    .transform((v) => v === "true" || v === "1" || v === "yes"),
  SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/\S+\/$/.test(v), {
    message: "must be an http(s) URL ending in /, such as https://slack.com/api/",
  }),
  /** Prefix for Slack slash-command names, for workspaces where /brief is taken (e.g. "nb-" gives /nb-brief). */
  SLACK_COMMAND_PREFIX: optionalText.refine((v) => v === undefined || /^[a-z0-9_-]{1,10}$/.test(v), {
    message: "must be up to 10 lower-case letters, digits, - or _",
  }),
  NEWSBRIEF_MIN_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400 * 7)
    .optional(),
  NEWSBRIEF_CATCHUP_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 14)
    .optional(),
  NEWSBRIEF_DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  NEWSBRIEF_QUESTIONS_PER_MINUTE: z.coerce.number().int().min(0).max(10_000).optional(),
  NEWSBRIEF_DIGEST_NOW_PER_HOUR: z.coerce.number().int().min(0).max(10_000).optional(),
  NEWSBRIEF_SHUTDOWN_SECONDS: z.coerce.number().min(0).max(600).optional(),
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v), {
    message: "must be a PostgreSQL URL such as postgres://user:password@host:5432/newsbrief",
  }),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Let sources on private, loopback or link-local addresses be fetched: "true", or CIDR ranges. */
  NEWSBRIEF_ALLOW_PRIVATE_SOURCES: optionalText.refine((v) => !("error" in Object(parsePrivatePolicy(v))), {
    message: "must be true, false or comma-separated CIDR ranges such as 10.0.0.0/8",
  }),
  NEWSBRIEF_POLL_INTERVAL: optionalText.refine(
    (v) => v === undefined || ((parseInterval(v) ?? 0) >= 60 && (parseInterval(v) ?? 0) <= 7 * 86400),
    { message: "must be an interval from 1m to 7d, such as 10m or 1h" },
  ),
  NEWSBRIEF_FETCH_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).optional(),
  NEWSBRIEF_FETCH_MAX_MB: z.coerce.number().min(0.1).max(100).optional(),
  NEWSBRIEF_SOURCE_FAILURE_LIMIT: z.coerce.number().int().min(1).max(100).optional(),
});

export type Env = z.infer<typeof schema>;

/** Every environment variable the configuration reads (kept in step with .env.example by a test). */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export interface Config {
  env: Env["NODE_ENV"];
  logLevel?: Env["LOG_LEVEL"];
  dataDir: string;
  /** PostgreSQL instead of the SQLite file, for several instances sharing one database. */
  databaseUrl?: string;
  briefingsDir: string;
  defaultTopic?: string;
  timezone: string;
  digests: {
    /** Shortest allowed gap between two digests of one subscription. */
    minIntervalSeconds: number;
    /** After a restart, digests missed within this window are still delivered. */
    catchupHours: number;
    /** How long an instance's claim on a delivery holds before another may take it over. */
    leaseSeconds: number;
  };
  limits: {
    /** Questions one user may ask per minute (0: no limit). */
    questionsPerMinute: number;
    /** On-demand digests (/digest now) per channel per hour (0: no limit). */
    digestNowPerHour: number;
  };
  /** Time allowed for in-flight work on SIGTERM/SIGINT. */
  shutdownSeconds: number;
  sources: {
    /** Private, loopback and link-local addresses are refused unless this allows them. */
    allowPrivate: PrivateAddressPolicy;
    defaultIntervalSeconds: number;
    fetchTimeoutSeconds: number;
    fetchMaxBytes: number;
    /** Failed polls in a row before a source is disabled. */
    failureLimit: number;
  };
  /** HTTP port for Slack's HTTP mode (and health endpoints). */
  port: number;
  discord?: { token: string; applicationId?: string; apiBaseUrl: string; answerMentions: boolean };
  slack?: {
    botToken: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl: string;
    commandPrefix: string;
  };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Build the configuration; `dataDir` from the command line wins over the environment. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: { dataDir?: string } = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new UsageError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(overrides.dataDir ?? e.NEWSBRIEF_DATA_DIR ?? "data"),
    databaseUrl: e.DATABASE_URL,
    briefingsDir: path.resolve(e.NEWSBRIEF_BRIEFINGS_DIR ?? path.join(PACKAGE_ROOT, "briefings")),
    defaultTopic: e.NEWSBRIEF_DEFAULT_TOPIC,
    timezone: e.NEWSBRIEF_TIMEZONE ?? "UTC",
    digests: {
      minIntervalSeconds: e.NEWSBRIEF_MIN_INTERVAL_SECONDS ?? 900,
      catchupHours: e.NEWSBRIEF_CATCHUP_HOURS ?? 6,
      leaseSeconds: e.NEWSBRIEF_DELIVERY_LEASE_SECONDS ?? 120,
    },
    limits: {
      questionsPerMinute: e.NEWSBRIEF_QUESTIONS_PER_MINUTE ?? 10,
      digestNowPerHour: e.NEWSBRIEF_DIGEST_NOW_PER_HOUR ?? 6,
    },
    shutdownSeconds: e.NEWSBRIEF_SHUTDOWN_SECONDS ?? 10,
    sources: {
      allowPrivate: parsePrivatePolicy(e.NEWSBRIEF_ALLOW_PRIVATE_SOURCES) as PrivateAddressPolicy,
      defaultIntervalSeconds: e.NEWSBRIEF_POLL_INTERVAL
        ? (parseInterval(e.NEWSBRIEF_POLL_INTERVAL) as number)
        : 600,
      fetchTimeoutSeconds: e.NEWSBRIEF_FETCH_TIMEOUT_SECONDS ?? 15,
      fetchMaxBytes: Math.round((e.NEWSBRIEF_FETCH_MAX_MB ?? 5) * 1024 * 1024),
      failureLimit: e.NEWSBRIEF_SOURCE_FAILURE_LIMIT ?? 5,
    },
    port: e.PORT ?? 3000,
    discord: e.DISCORD_TOKEN
      ? {
          token: e.DISCORD_TOKEN,
          applicationId: e.DISCORD_APPLICATION_ID,
          apiBaseUrl: e.DISCORD_API_BASE_URL ?? "https://discord.com/api",
          answerMentions: e.DISCORD_ANSWER_MENTIONS,
        }
      : undefined,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          appToken: e.SLACK_APP_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          apiUrl: e.SLACK_API_URL ?? "https://slack.com/api/",
          commandPrefix: e.SLACK_COMMAND_PREFIX ?? "",
        }
      : undefined,
  };
}
