/** Property tests: arbitrary text never makes the command or schedule parsers throw, and errors stay short and clear. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import { parseOptionText, resolveSubcommand, splitCommandLine } from "../../src/core/text-command.js";
import { parseSchedule } from "../../src/digests/schedule.js";

const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom(
    "@everyone",
    "@here",
    "<!channel>",
    "<@123456789012345678>",
    "<@&42>",
    "**bold** `code` ||spoiler||",
    "topic:",
    'topic:"',
    "x:y:z",
    "'; DROP TABLE articles; --",
  ),
  fc
    .array(
      fc.constantFrom(
        "topic:",
        "libya-ceasefire",
        '"',
        "'",
        " ",
        "schedule:",
        "daily",
        "08:00",
        "*/5",
        "*",
        "\n",
        "quiet:true",
      ),
      { maxLength: 40 },
    )
    .map((a) => a.join("")),
);

describe("command text parsing", () => {
  it("never throws on any line, and any error names the usage", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMANDS), hostile, (command, text) => {
        const resolved = resolveSubcommand(command, text);
        if (!resolved.ok) {
          expect(resolved.error).toMatch(/Usage: \//);
          return;
        }
        const parsed = parseOptionText(resolved.target, resolved.text);
        if (!parsed.ok) expect(parsed.error.length).toBeLessThan(400);
        else
          for (const value of Object.values(parsed.options))
            expect(["string", "number", "boolean"]).toContain(typeof value);
      }),
      { numRuns: 500 },
    );
  });

  it("splits any line into a command or plain text without throwing", () => {
    fc.assert(
      fc.property(hostile, (line) => {
        const parts = splitCommandLine(`/${line}`);
        if (parts) expect(parts.name).toMatch(/^[a-z][\w-]*$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("schedule parsing", () => {
  it("never throws, and either gives a valid cron or says what is wrong", () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom("UTC", "Europe/Berlin", "Mars/Olympus", ""), (spec, tz) => {
        const r = parseSchedule(spec, tz, 900);
        if (r.ok) {
          expect(r.schedule.cron.split(" ").length).toBeGreaterThanOrEqual(5);
          expect(r.schedule.timezone).toBe(tz);
        } else expect(r.error.length).toBeGreaterThan(10);
      }),
      { numRuns: 300 },
    );
  });
});
