/** Finding the fake secrets in captured output, line by line. */
import { FAKE_SECRETS, SECRET_MARKER } from "./fake-secrets.js";
import type { CapturedOutput } from "./output-capture.js";

export interface Leak {
  label: string;
  /** 1-based line number within that output. */
  line: number;
  text: string;
}

/** The marker alone catches part of a secret too; any case, as a log line may upper-case it. */
const NEEDLES = [SECRET_MARKER, ...Object.values(FAKE_SECRETS)].map((s) => s.toLowerCase());

export function findLeaks(outputs: readonly CapturedOutput[]): Leak[] {
  const leaks: Leak[] = [];
  for (const output of outputs) {
    const lines = output.text.split("\n");
    for (const [i, text] of lines.entries()) {
      const lower = text.toLowerCase();
      if (NEEDLES.some((n) => lower.includes(n))) leaks.push({ label: output.label, line: i + 1, text });
    }
  }
  return leaks;
}

export function describeLeaks(file: string, leaks: readonly Leak[]): string {
  const shown = leaks.slice(0, 20).map((l) => `  ${l.label}, line ${l.line}: ${l.text.slice(0, 400)}`);
  const more = leaks.length > shown.length ? [`  … and ${leaks.length - shown.length} more`] : [];
  return [`A secret appears in ${leaks.length} line(s) of output of ${file}:`, ...shown, ...more].join("\n");
}

/** Lines in all outputs (an empty trailing line does not count). */
export function lineCount(outputs: readonly CapturedOutput[]): number {
  return outputs.reduce((n, o) => n + o.text.split("\n").filter((l) => l !== "").length, 0);
}
