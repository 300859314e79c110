/** Typed command text (console, Slack): name:value options, the rest of the text, and usage errors. */
import { describe, expect, it } from "vitest";
import { ask } from "../../commands/ask.js";
import { brief } from "../../commands/brief.js";
import { topics } from "../../commands/topics.js";
import { parseOptionText, splitCommandLine } from "../../src/core/text-command.js";

describe("splitCommandLine", () => {
  it("splits a slash command from its text and leaves other text alone", () => {
    expect(splitCommandLine("/ask  Who is Haftar?")).toEqual({ name: "ask", text: "Who is Haftar?" });
    expect(splitCommandLine("/BRIEF")).toEqual({ name: "brief", text: "" });
    expect(splitCommandLine("Who is Haftar?")).toBeUndefined();
    expect(splitCommandLine("/ nothing")).toBeUndefined();
  });
});

describe("parseOptionText", () => {
  it("fills named options and the free-text option", () => {
    expect(parseOptionText(ask, "topic:libya-ceasefire Who brokered the ceasefire?")).toEqual({
      ok: true,
      options: { topic: "libya-ceasefire", question: "Who brokered the ceasefire?" },
    });
    expect(parseOptionText(ask, 'Why does "Sirte" matter? topic:"libya-ceasefire"')).toEqual({
      ok: true,
      options: { topic: "libya-ceasefire", question: 'Why does "Sirte" matter?' },
    });
  });

  it("keeps unknown name:value words as text", () => {
    const parsed = parseOptionText(ask, "What happened at 10:30 in Tripoli?");
    expect(parsed).toEqual({ ok: true, options: { question: "What happened at 10:30 in Tripoli?" } });
  });

  it("reports a missing required option with the usage", () => {
    const parsed = parseOptionText(ask, "   ");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/needs question.*Usage: \/ask/);
  });

  it("refuses text for a command that takes none, and over-long values", () => {
    const none = parseOptionText(topics, "please");
    expect(none.ok).toBe(false);
    const long = parseOptionText(ask, "x".repeat(1001));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error).toMatch(/1001 characters/);
  });

  it("lets the rest of the text name the topic of /brief", () => {
    expect(parseOptionText(brief, "libya-ceasefire")).toEqual({
      ok: true,
      options: { topic: "libya-ceasefire" },
    });
  });
});
