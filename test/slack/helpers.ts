/** Shared pieces of the Slack tests: a real core over the built-in corpus, and signed HTTP requests. */
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type App, createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { captureLogger } from "../helpers/capture-logger.js";
import { FAKE_SECRETS } from "../helpers/fake-secrets.js";

export const SIGNING_SECRET = FAKE_SECRETS.slackSigningSecret;

/** The real app (SQLite file, seeded corpus, core) in a temporary data directory. */
export async function openTestApp(): Promise<App & { dispose(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbrief-slack-"));
  // At the most verbose level, Bolt's and the Slack SDK's lines included: all of it is scanned for secrets.
  const logger = captureLogger({ level: process.env.TEST_LOG_LEVEL ?? "trace", label: "Slack app log" });
  const app = await createApp(loadConfig({ NEWSBRIEF_DATA_DIR: dir }), logger);
  return {
    ...app,
    async dispose() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** POST to Bolt's /slack/events like Slack does: signed with `secret`, stamped `ageSeconds` ago. */
export async function postToSlackEvents(
  port: number,
  body: string,
  contentType: "application/x-www-form-urlencoded" | "application/json",
  options: { secret?: string; ageSeconds?: number } = {},
): Promise<{ status: number; text: string; ms: number }> {
  const timestamp = Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0);
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature(options.secret ?? SIGNING_SECRET, timestamp, body),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

/** A slash command's fields as Slack sends them, from user U1 in channel C1 of workspace T1. */
export function slashCommandFields(fields: Record<string, string>): Record<string, string> {
  return {
    team_id: "T1",
    team_domain: "test",
    channel_id: "C1",
    channel_name: "news",
    user_id: "U1",
    user_name: "ada",
    text: "",
    trigger_id: "trigger",
    api_app_id: "A1",
    ...fields,
  };
}

export function slashCommandBody(fields: Record<string, string>): string {
  return new URLSearchParams(slashCommandFields(fields)).toString();
}

let eventCounter = 0;

export function eventCallback(event: Record<string, unknown>): Record<string, unknown> {
  eventCounter++;
  return {
    token: "unused",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: `Ev${eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  };
}

/** All the text a Slack message carries (fallback text and every block's text), joined. */
export function messageText(message: Record<string, unknown>): string {
  return JSON.stringify({ text: message.text, blocks: message.blocks });
}
