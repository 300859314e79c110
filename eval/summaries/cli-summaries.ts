/** Summaries from the built CLI, as a user gets them: `newsbrief summarize --jsonl`, one process for all documents. */
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import type { SummaryDoc } from "./data.js";

export async function cliSummaries(cli: string, docs: SummaryDoc[]): Promise<Map<string, string[]>> {
  const child = spawn(process.execPath, [cli, "summarize", "--jsonl"], {
    stdio: ["pipe", "pipe", "inherit"],
    cwd: path.dirname(path.dirname(path.dirname(cli))),
  });
  const out = new Map<string, string[]>();
  const lines = readline.createInterface({ input: child.stdout });
  const reading = (async () => {
    for await (const line of lines) {
      const item = JSON.parse(line) as { id: string; summary?: string[]; error?: string };
      out.set(item.id, item.summary ?? []);
    }
  })();
  for (const doc of docs) {
    const ok = child.stdin.write(
      `${JSON.stringify({ id: doc.id, text: doc.text, sentences: doc.sentences })}\n`,
    );
    if (!ok) await new Promise<void>((resolve) => child.stdin.once("drain", resolve));
  }
  child.stdin.end();
  await reading;
  await new Promise<void>((resolve) => child.on("close", () => resolve()));
  return out;
}
