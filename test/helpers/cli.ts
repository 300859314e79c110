/**
 * Spawning the built `newsbrief` CLI the way a user runs it, with its own data directory and no
 * credentials unless a test gives fake ones; what it writes is kept for the secret scan.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assertRecognisableSecrets } from "./fake-secrets.js";
import { captureChild } from "./output-capture.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI = path.join(ROOT, "dist/src/cli.js");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh temporary folder, removed by the caller's cleanup. */
export function tempDir(prefix = "newsbrief-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The environment of a user with no chat platform configured, plus `extra`, whose secrets must be
 * the recognisable fakes of fake-secrets.ts.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  assertRecognisableSecrets(extra);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(DISCORD_|SLACK_|NEWSBRIEF_|DATABASE_URL|LOG_LEVEL|NODE_ENV)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * Start the built CLI with `args` and leave it running; its stdout and stderr are kept for the
 * secret scan. `stdin: "closed"` gives it an empty standard input, as a service has.
 */
export function spawnCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; stdin?: "open" | "closed" } = {},
): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cleanEnv(options.env),
    stdio: ["pipe", "pipe", "pipe"],
  });
  captureChild(child, `newsbrief ${args.join(" ")}`);
  if (options.stdin === "closed") child.stdin.end();
  return child;
}

export function runCli(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: cleanEnv(options.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    captureChild(child, `newsbrief ${args.join(" ")}`);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`newsbrief ${args.join(" ")} did not finish in time; stderr: ${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** A port nothing listens on right now (for the bot's health server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
