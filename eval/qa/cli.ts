/**
 * Driving the built CLI the way a user would: `newsbrief ingest` of article files into a fresh data
 * directory, then `newsbrief ask --jsonl` with one question per line.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AskResult } from "../../src/core/reply.js";

export interface CliStore {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  cli: string;
}

export function freshStore(cli: string, name: string): CliStore {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `newsbrief-eval-${name}-`));
  const dataDir = path.join(base, "data");
  const emptyBriefings = path.join(base, "no-briefings");
  fs.mkdirSync(emptyBriefings, { recursive: true });
  return {
    dataDir,
    cli,
    env: {
      ...process.env,
      NEWSBRIEF_DATA_DIR: dataDir,
      NEWSBRIEF_BRIEFINGS_DIR: emptyBriefings,
      NEWSBRIEF_DEFAULT_TOPIC: "",
      LOG_LEVEL: "silent",
    },
  };
}

export interface ArticleFile {
  name: string;
  title: string;
  topic: string;
  body: string;
  published?: string;
}

/** Write the articles as front-matter files and ingest them; returns the number added. */
export function ingestFiles(store: CliStore, articles: ArticleFile[]): number {
  const dir = fs.mkdtempSync(path.join(path.dirname(store.dataDir), "articles-"));
  for (const a of articles) {
    const front = [
      "---",
      `title: ${JSON.stringify(a.title)}`,
      `published: ${a.published ?? "2024-01-01"}`,
      `topic: ${a.topic}`,
      "---",
      "",
    ].join("\n");
    fs.writeFileSync(path.join(dir, `${a.name}.md`), `${front}${a.body}\n`);
  }
  const run = spawnSync(process.execPath, [store.cli, "ingest", dir, "--json"], {
    env: store.env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0 && !run.stdout) throw new Error(`ingest failed: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { added: number; rejected: number };
  fs.rmSync(dir, { recursive: true, force: true });
  return report.added;
}

export type CliAnswer = AskResult | { line: number; error: string };

/** Ask every question through one `ask --jsonl` process; answers come back in order. */
export function askAll(
  store: CliStore,
  questions: { question: string; topic?: string }[],
  flags: string[] = [],
): Promise<CliAnswer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [store.cli, "ask", "--jsonl", ...flags], { env: store.env });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", () => {
      const lines = out.split("\n").filter(Boolean);
      if (lines.length !== questions.length)
        reject(
          new Error(
            `ask --jsonl answered ${lines.length} of ${questions.length} questions: ${err.slice(0, 500)}`,
          ),
        );
      else resolve(lines.map((l) => JSON.parse(l) as CliAnswer));
    });
    child.stdin.end(`${questions.map((q) => JSON.stringify(q)).join("\n")}\n`);
  });
}

export function removeStore(store: CliStore): void {
  fs.rmSync(path.dirname(store.dataDir), { recursive: true, force: true });
}
