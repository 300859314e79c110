/**
 * Global setup of the test run: a folder where each test file's secret scan leaves its counts, and
 * at the end one line saying how much of the bot's output was scanned and where secrets were found.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    secretScanDir: string;
  }
}

interface FileSummary {
  file: string;
  outputs: number;
  lines: number;
  leaks: number;
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbrief-secret-scan-"));
  project.provide("secretScanDir", dir);
  return () => {
    const files = fs
      .readdirSync(dir)
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as FileSummary);
    fs.rmSync(dir, { recursive: true, force: true });
    const withOutput = files.filter((f) => f.lines > 0);
    const lines = files.reduce((n, f) => n + f.lines, 0);
    const leaking = files.filter((f) => f.leaks > 0).map((f) => `${f.file} (${f.leaks})`);
    process.stdout.write(
      `\nSecret scan: ${lines} lines of the bot's output from ${withOutput.length} of ${files.length} test files; ` +
        `${leaking.length === 0 ? "no secret found" : `secrets found in ${leaking.join(", ")}`}.\n`,
    );
  };
}
