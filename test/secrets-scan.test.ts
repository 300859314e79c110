/**
 * The scan of the bot's output for secrets can fail: a planted secret is found in a line of text, in
 * the output of the built CLI, and in an in-process log line, and a test file whose output holds one
 * fails, naming the output and the line. (The real scan runs after every test file.)
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { captureLogger } from "./helpers/capture-logger.js";
import { ROOT, runCli, tempDir } from "./helpers/cli.js";
import { FAKE_SECRETS, SECRET_MARKER } from "./helpers/fake-secrets.js";
import { capturedOutput, forgetOutput } from "./helpers/output-capture.js";
import { findLeaks } from "./helpers/secret-scan.js";

const dataDir = tempDir();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Remove what a test planted on purpose, so that this file's own scan passes. */
function forgetPlanted(labelPart: string): void {
  for (const output of capturedOutput().filter((o) => o.label.includes(labelPart))) forgetOutput(output);
}

/** This worker's environment without the variables Vitest set for it, for a run of Vitest of its own. */
function vitestFreeEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(k)),
  );
}

describe("the secret scan", () => {
  it("names the output and line of every secret, whole, partial or upper-cased, and passes clean text", () => {
    const outputs = [
      { label: "clean", text: "ready\nconnected to Discord\n" },
      { label: "token", text: `ready\nauthorization: Bot ${FAKE_SECRETS.discordToken}\n` },
      { label: "partial", text: `url postgres://postgres:${FAKE_SECRETS.pgPassword.slice(0, 12)}@db\n` },
      { label: "shouting", text: `\n\nSECRET ${FAKE_SECRETS.slackSigningSecret.toUpperCase()}` },
    ];
    expect(findLeaks(outputs)).toEqual([
      { label: "token", line: 2, text: `authorization: Bot ${FAKE_SECRETS.discordToken}` },
      { label: "partial", line: 1, text: expect.stringContaining(SECRET_MARKER) },
      { label: "shouting", line: 3, text: expect.stringContaining("SECRET NBSECRET") },
    ]);
    expect(findLeaks([outputs[0] as (typeof outputs)[0]])).toEqual([]);
  });

  it("finds a secret in what the built CLI writes", async () => {
    // The CLI repeats an unexpected argument in its error: the planted value reaches stderr.
    const planted = `${SECRET_MARKER}-planted-argument`;
    const r = await runCli(["--data-dir", dataDir, "topics", planted]);
    expect(r.code).toBe(2);
    const leaks = findLeaks(capturedOutput());
    forgetPlanted(planted);
    expect(leaks).toEqual([
      {
        label: expect.stringMatching(/^newsbrief .* \(pid \d+\) stderr in /),
        line: 1,
        text: expect.any(String),
      },
    ]);
    expect(leaks[0]?.text).toContain(planted);
  });

  it("finds a secret in an in-process log line, and not one under a redacted field", () => {
    const logger = captureLogger({ label: "planted log" });
    logger.info(
      { token: FAKE_SECRETS.slackBotToken, config: { botToken: FAKE_SECRETS.slackBotToken } },
      "redacted",
    );
    expect(findLeaks(capturedOutput())).toEqual([]);
    logger.warn(`could not connect with ${FAKE_SECRETS.slackAppToken}`);
    const leaks = findLeaks(capturedOutput());
    forgetPlanted("planted log");
    expect(leaks).toEqual([
      { label: expect.stringContaining("planted log"), line: 2, text: expect.any(String) },
    ]);
  });

  it("fails a test file whose output holds a secret, naming the output and the line", () => {
    const config = path.join(ROOT, "test/setup/planted/vitest.config.ts");
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--config", config],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...vitestFreeEnv(), NO_COLOR: "1", FORCE_COLOR: "0" },
        timeout: 60_000,
      },
    );
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(1);
    expect(output).toContain("A secret appears in 1 line(s) of output of test/setup/planted/leak.fixture.ts");
    expect(output).toContain('planted output in "writes a secret to its output", line 2');
  });

  it("covers every test that starts the built CLI: they start it through test/helpers/cli.ts", () => {
    const files = fs
      .readdirSync(path.join(ROOT, "test"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.startsWith(`helpers${path.sep}`));
    const bypassing = files.filter((f) => {
      const source = fs.readFileSync(path.join(ROOT, "test", f), "utf8");
      return /\bspawn(Sync)?\(\s*process\.execPath,\s*\[\s*CLI\b/.test(source);
    });
    expect(bypassing, "spawn the CLI with spawnCli or runCli, whose output is scanned").toEqual([]);
  });
});
