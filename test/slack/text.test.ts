/** Slack text in both directions, and command text with subcommands and channel options. */
import { describe, expect, it } from "vitest";
import { parseCommandText } from "../../src/adapters/slack/command-text.js";
import {
  escapeText,
  link,
  slackTextToPlain,
  stripLeadingMentions,
  truncateEscaped,
} from "../../src/adapters/slack/escape.js";
import type { CommandDefinition } from "../../src/core/command.js";
import { notice } from "../../src/core/reply.js";

describe("escapeText", () => {
  it("escapes Slack's control characters and defuses broadcasts", () => {
    expect(escapeText("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
    expect(escapeText("<!channel> <@U1> <http://x|y>")).toBe(
      "&lt;!channel&gt; &lt;@U1&gt; &lt;http://x|y&gt;",
    );
    expect(escapeText("ping @here and @Everyone")).toBe("ping @\u2060here and @\u2060Everyone");
    expect(escapeText("mail me@channels.example")).toBe("mail me@channels.example");
  });
});

describe("truncateEscaped", () => {
  it("never cuts an entity, a link or a surrogate pair", () => {
    expect(truncateEscaped("abcd&amp;efgh", 7)).toBe("abcd…");
    expect(truncateEscaped("see <https://example.com/x|the report> now", 20)).toBe("see …");
    expect(truncateEscaped("ab😀cd", 4)).toBe("ab…");
    expect(truncateEscaped("short", 10)).toBe("short");
  });

  it("does not turn a longer word into a broadcast by cutting it", () => {
    expect(truncateEscaped("x @heretofore y", 8)).toBe("x …");
  });
});

describe("link", () => {
  it("links only http(s) URLs, with the URL and the label made safe", () => {
    expect(link("https://example.com/a?b=1&c=2", "A & B")).toBe(
      "<https://example.com/a?b=1&amp;c=2|A &amp; B>",
    );
    expect(link("https://example.com/a|b", "t")).toBe("<https://example.com/a%7Cb|t>");
    expect(link("javascript:alert(1)", "<!here>")).toBe("&lt;!here&gt;");
    expect(link(null, "Title")).toBe("Title");
  });
});

describe("slackTextToPlain", () => {
  it("turns Slack's markup in typed text back into words", () => {
    expect(slackTextToPlain("<@U1|ada> asks &lt;why&gt; &amp; <!here> about <#C42|news>")).toBe(
      "@ada asks <why> & @here about #C42",
    );
    expect(slackTextToPlain("see <https://example.com|the report> and <https://x.example>")).toBe(
      "see the report and https://x.example",
    );
    expect(slackTextToPlain("<@UBOT> hello <@UBOT>", "UBOT")).toBe("hello");
  });

  it("drops leading mentions of a mention event", () => {
    expect(stripLeadingMentions("<@UBOT> <@U2|bo>, who? <@U3>")).toBe("who? <@U3>");
  });
});

describe("parseCommandText", () => {
  const digestLike: CommandDefinition = {
    name: "digest",
    description: "",
    usage: "/digest subscribe|list",
    options: [],
    permission: "everyone",
    subcommands: [
      {
        name: "subscribe",
        description: "",
        usage: "/digest subscribe topic:ID schedule:TEXT [channel:#channel]",
        options: [
          { name: "topic", description: "", type: "string", required: true },
          { name: "schedule", description: "", type: "string", required: true, rest: true },
          { name: "channel", description: "", type: "channel" },
        ],
        permission: "manage-channels",
      },
      { name: "list", description: "", usage: "/digest list", options: [], permission: "everyone" },
    ],
    handle: async () => notice("ok"),
  };

  it("takes the first word as the subcommand and parses the rest", () => {
    expect(parseCommandText(digestLike, "Subscribe topic:libya  daily 08:00 channel:#C42")).toEqual({
      ok: true,
      subcommand: "subscribe",
      options: { topic: "libya", schedule: "daily 08:00", channel: "C42" },
      needsManager: true,
    });
    expect(parseCommandText(digestLike, "list")).toEqual({
      ok: true,
      subcommand: "list",
      options: {},
      needsManager: false,
    });
  });

  it("names the problem and the usage", () => {
    expect(parseCommandText(digestLike, "")).toEqual({ ok: false, error: "Usage: /digest subscribe|list" });
    expect(parseCommandText(digestLike, "sub")).toEqual({
      ok: false,
      error: "Usage: /digest subscribe|list",
    });
    expect(parseCommandText(digestLike, "subscribe daily")).toMatchObject({
      ok: false,
      error: expect.stringContaining("/digest subscribe needs topic"),
    });
    expect(parseCommandText(digestLike, "subscribe topic:x daily channel:general")).toMatchObject({
      ok: false,
      error: expect.stringContaining("channel must be a channel"),
    });
  });
});
