/**
 * Runs before every test file: when the file ends, everything the bot wrote during it (see
 * test/helpers/output-capture.ts) is searched for the fake secrets, and the file fails naming each
 * line that holds one. A summary goes to the folder of test/setup/scan-summary.ts for the whole run.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, inject } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { capturedOutput } from "../helpers/output-capture.js";
import { describeLeaks, findLeaks, lineCount } from "../helpers/secret-scan.js";

afterAll(() => {
  const file = path.relative(ROOT, expect.getState().testPath ?? "an unnamed test file");
  const outputs = capturedOutput();
  const leaks = findLeaks(outputs);
  const dir = inject("secretScanDir");
  if (dir && fs.existsSync(dir)) {
    const summary = { file, outputs: outputs.length, lines: lineCount(outputs), leaks: leaks.length };
    fs.writeFileSync(path.join(dir, `${process.pid}-${Date.now()}.json`), JSON.stringify(summary));
  }
  if (leaks.length > 0) throw new Error(describeLeaks(file, leaks));
});
