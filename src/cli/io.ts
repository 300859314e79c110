/** Output helpers shared by CLI commands. */
import readline from "node:readline";
import type { Readable } from "node:stream";

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Each non-empty line of a stream, with its 1-based line number. */
export async function* inputLines(input: Readable): AsyncGenerator<{ line: string; number: number }> {
  const rl = readline.createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of rl) {
    number++;
    if (line.trim()) yield { line, number };
  }
}

/** Write one JSON line, waiting when stdout is full so that large outputs are not buffered whole. */
export async function writeJsonLine(value: unknown): Promise<void> {
  if (!process.stdout.write(`${JSON.stringify(value)}\n`)) {
    await new Promise<void>((resolve) => process.stdout.once("drain", resolve));
  }
}

export async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
