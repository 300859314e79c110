/**
 * Everything the bot writes during a test file — the stdout and stderr of each CLI process it spawns
 * and the lines of its in-process loggers — kept so that test/setup/scan-output.ts can search it
 * for secrets when the file ends.
 */
import type { ChildProcess } from "node:child_process";
import { expect } from "vitest";

export interface CapturedOutput {
  /** Where the text came from, with the test that produced it. */
  label: string;
  text: string;
}

const captured: CapturedOutput[] = [];

function currentTest(): string {
  const name = expect.getState().currentTestName;
  return name ? ` in "${name}"` : "";
}

/** A new named output; what is appended to it is scanned. */
export function recordOutput(label: string): CapturedOutput {
  const output = { label: `${label}${currentTest()}`, text: "" };
  captured.push(output);
  return output;
}

/** Keep a finished text (an error message the user sees, say) for the scan. */
export function recordText(label: string, text: string): void {
  recordOutput(label).text = text;
}

/** Keep a child process's stdout and stderr. Call it before the first await after spawning. */
export function captureChild(child: ChildProcess, label: string): void {
  const name = `${label} (pid ${child.pid})`;
  for (const [stream, which] of [
    [child.stdout, "stdout"],
    [child.stderr, "stderr"],
  ] as const) {
    if (!stream) continue;
    const output = recordOutput(`${name} ${which}`);
    stream.on("data", (chunk: Buffer | string) => {
      output.text += String(chunk);
    });
  }
}

/** Everything kept so far in this test file. */
export function capturedOutput(): readonly CapturedOutput[] {
  return captured;
}

/** Drop an output from the scan (for a test that plants a secret on purpose). */
export function forgetOutput(output: CapturedOutput): void {
  const at = captured.indexOf(output);
  if (at >= 0) captured.splice(at, 1);
}
