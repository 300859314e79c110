/** The console chat through a pipe, as `npm start` runs it with no platform configured: one reply per line. */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";

let dataDir: string;
beforeAll(() => {
  dataDir = tempDir();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Replies are separated by one blank line; replies themselves have no blank-line-only gaps except in briefings. */
function replies(stdout: string): string[] {
  return stdout
    .split(/\n\n(?=\S)/)
    .map((r) => r.trim())
    .filter(Boolean);
}

describe("console chat over piped stdin", () => {
  it("answers /brief and /ask over the seed and leaves at /quit", async () => {
    const r = await runCli(["--data-dir", dataDir, "start"], {
      input: "/ask Who brokered the ceasefire?\n/topics\n/quit\n/help\n",
    });
    expect(r.code).toBe(0);
    const out = replies(r.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/al-Sisi/);
    expect(out[0]).toMatch(/Source:/);
    expect(out[1]).toMatch(/libya-ceasefire/);
  });

  it("briefs with summary, timeline and sources", async () => {
    const r = await runCli(["--data-dir", dataDir, "chat"], { input: "/brief\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Libya ceasefire — briefing/);
    expect(r.stdout).toMatch(/Summary\n {2}• /);
    expect(r.stdout).toMatch(/Timeline\n/);
    expect(r.stdout).toMatch(/Sources\n {2}\[1\] /);
  });

  it("answers plain text as a question, handles every command, and explains bad input", async () => {
    const lines = [
      "Who brokered the ceasefire?",
      "/timeline",
      "/sources",
      "/help",
      "/frobnicate",
      "/ask",
      "",
      "/brief topic:nowhere",
      "What is the capital of Peru?",
    ];
    const r = await runCli(["--data-dir", dataDir, "chat"], { input: `${lines.join("\n")}\n` });
    expect(r.code).toBe(0);
    const out = r.stdout.split(/\n\n/).map((s) => s.trim());
    const nonEmpty = out.filter(Boolean);
    expect(nonEmpty).toHaveLength(lines.length);
    expect(nonEmpty[0]).toMatch(/brokered the ceasefire/);
    expect(nonEmpty[1]).toMatch(/timeline/);
    expect(nonEmpty[2]).toMatch(/^Sources for Libya ceasefire/);
    expect(nonEmpty[3]).toMatch(/\/brief/);
    expect(nonEmpty[3]).toMatch(/\/ask <question>/);
    expect(nonEmpty[4]).toMatch(/Unknown command \/frobnicate.*\/help/);
    expect(nonEmpty[5]).toMatch(/needs question/);
    expect(nonEmpty[6]).toMatch(/Type a question/);
    expect(nonEmpty[7]).toMatch(/no topic 'nowhere'/);
    expect(nonEmpty[8]).toMatch(/couldn't find that/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("ends cleanly at the end of input (Ctrl-D)", async () => {
    const r = await runCli(["--data-dir", dataDir, "chat"], { input: "" });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
  });
});
