/** A seeded core over a real SQLite file, a logger whose lines the test can read, and a Discord adapter on the fake. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import { DiscordChat } from "../../src/adapters/discord/discord-chat.js";
import { PACKAGE_ROOT } from "../../src/config.js";
import { Core, type CoreOptions } from "../../src/core/core.js";
import type { Briefing, TimelineResult } from "../../src/core/reply.js";
import { seedIfEmpty } from "../../src/corpus/seed.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import { captureLogger } from "../helpers/capture-logger.js";
import { FAKE_SECRETS } from "../helpers/fake-secrets.js";
import { FakeDiscord } from "./fake-discord.js";

/** The real core, with faults a test can switch on: a failing briefing, a slow timeline. */
export class FaultyCore extends Core {
  failBriefing = false;
  timelineDelayMs = 0;

  constructor(options: CoreOptions) {
    super(options);
  }

  override async brief(
    topicId?: string,
    options?: { since?: string; sentences?: number },
  ): Promise<Briefing> {
    if (this.failBriefing) throw new Error("the briefing store is unavailable");
    return super.brief(topicId, options);
  }

  override async timeline(topicId?: string): Promise<TimelineResult> {
    if (this.timelineDelayMs > 0) await new Promise((r) => setTimeout(r, this.timelineDelayMs));
    return super.timeline(topicId);
  }
}

export interface LogLine {
  level: number;
  msg: string;
  ref?: string;
  err?: { message: string };
  [key: string]: unknown;
}

export function memoryLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = captureLogger({
    level: "debug",
    label: "Discord adapter log",
    onLine: (s) => void lines.push(JSON.parse(s)),
  });
  return { logger, lines };
}

export interface Harness {
  fake: FakeDiscord;
  core: FaultyCore;
  chat: DiscordChat;
  logs: LogLine[];
  close(): Promise<void>;
}

export async function openCore(
  logger: Logger,
): Promise<{ core: FaultyCore; store: SqliteStore; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbrief-discord-"));
  const store = openSqliteStore(dir);
  await seedIfEmpty(store, path.join(PACKAGE_ROOT, "briefings"));
  return { core: new FaultyCore({ store, logger }), store, dir };
}

export async function startHarness(options: { deferAfterMs?: number } = {}): Promise<Harness> {
  const { logger, lines } = memoryLogger();
  const fake = new FakeDiscord();
  await fake.start();
  const { core, store, dir } = await openCore(logger);
  const chat = new DiscordChat({
    core,
    logger,
    token: FAKE_SECRETS.discordToken,
    apiBaseUrl: fake.apiBaseUrl,
    answerMentions: true,
    deferAfterMs: options.deferAfterMs,
  });
  await chat.start();
  return {
    fake,
    core,
    chat,
    logs: lines,
    async close() {
      await chat.stop();
      await fake.stop();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
