/**
 * Scheduled digests end to end in the console chat: a real node-cron schedule fires in a running
 * `newsbrief chat`, the digest is posted to the console, and /digest list and /digest now report it.
 */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { spawnCli, tempDir } from "../helpers/cli.js";

const dataDir = tempDir();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function waitFor(read: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (pattern.test(read())) resolve();
      else if (Date.now() - started > timeoutMs)
        reject(new Error(`timed out waiting for ${pattern}; output so far:\n${read()}`));
      else setTimeout(check, 50);
    };
    check();
  });
}

describe("digests in the console chat", () => {
  it("subscribes, posts on the cron schedule, lists the delivery and posts on demand", async () => {
    const child = spawnCli(["--data-dir", dataDir, "chat"], { env: { NEWSBRIEF_MIN_INTERVAL_SECONDS: "1" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      child.stdin.write('/digest subscribe topic:libya-ceasefire schedule:"*/2 * * * * *"\n');
      await waitFor(() => out, /Subscribed: libya-ceasefire, \*\/2 \* \* \* \* \* \(UTC\)/, 10_000);
      await waitFor(() => out, /Libya ceasefire — briefing/, 8_000);
      child.stdin.write("/digest list\n");
      await waitFor(() => out, /libya-ceasefire — \*\/2 \* \* \* \* \* \(UTC\)[\s\S]*last delivered/, 5_000);
      child.stdin.write("/digest subscribe topic:libya-ceasefire hourly\n");
      await waitFor(() => out, /already follows libya-ceasefire/, 5_000);
      child.stdin.write("/digest unsubscribe\n");
      await waitFor(() => out, /Unsubscribed: no more digests of libya-ceasefire here/, 5_000);
      child.stdin.write("/digest list\n");
      await waitFor(() => out, /This channel has no digest subscriptions/, 5_000);
      child.stdin.write("/digest subscribe topic:libya-ceasefire */5 * * * *\n");
      await waitFor(() => out, /every 5 minutes|Subscribed: libya-ceasefire, \*\/5/, 5_000);
      child.stdin.write("/digest now\n");
      await waitFor(() => out, /Posted the digest of libya-ceasefire/, 5_000);
      child.stdin.end();
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
    expect(err).not.toMatch(/\n\s+at /);
  }, 40_000);
});
