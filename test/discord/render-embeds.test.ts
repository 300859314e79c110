/** Rendering reply documents as embeds: random long and hostile inputs always stay within Discord's limits and never mention anyone. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderDiscord } from "../../src/adapters/discord/render-embeds.js";
import { splitText } from "../../src/adapters/discord/split-text.js";
import type { ReplyDocument } from "../../src/core/reply.js";
import { positionOf } from "../helpers/arbitraries.js";
import { embedText, violations } from "./embed-limits.js";

const HOSTILE = [
  "@everyone",
  "@here",
  "@EveryOne",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&987654321098765432>",
  "<#123456789012345678>",
  "\\<@123456789012345678>",
  "\\\\<@&1>",
  "<t:1700000000:R>",
  "**",
  "__",
  "~~",
  "||spoiler||",
  "`",
  "```js",
  "[click here](https://evil.example/login)",
  "# Heading",
  "> quote",
  "-# small",
  "\\",
  "\u200b",
  "😀",
  "\ud83d",
  "https://example.com/a_(b)",
];

const word = fc.stringMatching(/^[a-z]{1,12}$/);
const hostile = fc.constantFrom(...HOSTILE);
/** Prose: sentences of ordinary and hostile words, some very long. */
const prose = fc
  .array(
    fc.array(fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: hostile }), {
      minLength: 1,
      maxLength: 120,
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((sentences) => sentences.map((s) => `${s.join(" ")}.`).join(" "));
const text = fc.oneof(
  prose,
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", minLength: 1000, maxLength: 5000 }),
  fc.integer({ min: 1, max: 7000 }).map((n) => "x".repeat(n)),
  fc.integer({ min: 1, max: 3000 }).map((n) => "\\*".repeat(n)),
  hostile,
);
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constant(null),
  fc.constant("javascript:alert(1)"),
  fc.constant("https://user:pass@example.com/"),
  fc.constant("https://example.com/@everyone/<@1>)"),
  text,
);
const iso = fc
  .date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
  .map((d) => d.toISOString());
const articleId = fc.constantFrom("a1", "a2", "a3", "a4", "zz");

const source = fc.record({
  articleId,
  title: text,
  url,
  published: iso,
  source: fc.option(text, { nil: null }),
});
const evidence = fc.record({ articleId, title: text, url, published: iso, sentence: text });

const briefing = fc.record({
  kind: fc.constant("briefing" as const),
  briefing: fc.record(
    {
      topic: fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,64}$/), text),
      title: text,
      generatedAt: iso,
      since: iso,
      notice: text,
      summary: fc.array(fc.record({ text, articleId }), { maxLength: 40 }),
      entities: fc.array(
        fc.record(
          {
            name: text,
            type: fc.constantFrom("person", "organization", "place", "other" as const),
            aliases: fc.array(text, { maxLength: 4 }),
            mentions: fc.nat(),
            role: text,
          },
          { requiredKeys: ["name", "type", "aliases", "mentions"] },
        ),
        { maxLength: 40 },
      ),
      timeline: fc.array(fc.record({ date: fc.oneof(iso, text), text, articleId }), { maxLength: 40 }),
      sources: fc.array(source, { maxLength: 30 }),
      positions: fc.array(positionOf(text, articleId), { maxLength: 30 }),
      context: fc.record({ text, articleId }),
    },
    { requiredKeys: ["topic", "title", "generatedAt", "summary", "entities", "timeline", "sources"] },
  ),
});

const answer = fc.record({
  kind: fc.constant("answer" as const),
  answer: fc.record(
    {
      question: text,
      answer: fc.option(text, { nil: null }),
      abstained: fc.boolean(),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      answerKind: fc.constantFrom("span", "sentence" as const),
      related: evidence,
      evidence: fc.array(evidence, { maxLength: 12 }),
    },
    { requiredKeys: ["question", "answer", "abstained", "confidence", "evidence"] },
  ),
});

const timeline = fc.record({
  kind: fc.constant("timeline" as const),
  timeline: fc.record({
    topic: text,
    title: text,
    events: fc.array(fc.record({ date: fc.oneof(iso, text), text, articleId }), { maxLength: 60 }),
  }),
});

const list = fc.record(
  {
    kind: fc.constant("list" as const),
    title: text,
    items: fc.array(
      fc.record({ text, detail: text, url: fc.option(url, { nil: undefined }) }, { requiredKeys: ["text"] }),
      { maxLength: 60 },
    ),
    empty: text,
    footer: text,
    private: fc.boolean(),
  },
  { requiredKeys: ["kind", "title", "items", "empty"] },
);

const noticeDoc = fc.record({
  kind: fc.constant("notice" as const),
  level: fc.constantFrom("info", "warning", "error" as const),
  text,
  private: fc.boolean(),
});

const documents: fc.Arbitrary<ReplyDocument> = fc.oneof(briefing, answer, timeline, list, noticeDoc);

describe("Discord embed rendering", () => {
  it("has a checker that catches what the renderer must avoid", () => {
    const embed = (description: string) => ({
      embeds: [{ description }],
      allowedMentions: { parse: [] as [] },
    });
    expect(violations(embed("hi <@123>"))).toHaveLength(1);
    expect(violations(embed("hi \\\\<#123>"))).toHaveLength(1);
    expect(violations(embed("hi @here"))).toHaveLength(1);
    expect(violations(embed("x".repeat(4097)))).toHaveLength(1);
    expect(violations({ embeds: [{ description: "ok" }] })).toHaveLength(1);
    expect(violations(embed("hi \\<@123> @\u200beveryone"))).toEqual([]);
  });

  it("keeps every message within Discord's limits and free of mentions, for any document", () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const messages = renderDiscord(doc, { now: new Date("2020-06-09T12:00:00Z") });
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) expect(violations(m)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("splits long text only between words, keeping every word whole and in order", () => {
    const words = fc.array(word, { minLength: 1, maxLength: 60 });
    const summaries = fc.array(fc.array(words, { minLength: 1, maxLength: 12 }), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(summaries, (lines) => {
        const texts = lines.map((sentences) => sentences.map((s) => `${s.join(" ")}.`).join(" "));
        const doc: ReplyDocument = {
          kind: "briefing",
          briefing: {
            topic: "t",
            title: "T",
            generatedAt: "2020-06-09T12:00:00.000Z",
            summary: texts.map((t) => ({ text: t, articleId: "a" })),
            entities: [],
            timeline: [],
            sources: [],
          },
        };
        const rendered = renderDiscord(doc).map(embedText).join("\n");
        const tokens = rendered.match(/[a-z]+/g) ?? [];
        // Every input word appears whole, in order (the renderer's own labels may sit in between).
        let at = 0;
        for (const w of texts.join(" ").match(/[a-z]+/g) ?? []) {
          while (at < tokens.length && tokens[at] !== w) at++;
          expect(at, `word '${w}' missing or cut`).toBeLessThan(tokens.length);
          at++;
        }
      }),
      { numRuns: 60 },
    );
  });

  it("splits at sentence boundaries when the sentences fit", () => {
    const sentence = fc
      .array(word, { minLength: 1, maxLength: 40 })
      .map((ws) => `${ws.join(" ").replace(/^./, (c) => c.toUpperCase())}.`);
    fc.assert(
      fc.property(
        fc.array(sentence, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 500, max: 4096 }),
        (s, limit) => {
          const textIn = s.join(" ");
          const chunks = splitText(textIn, limit);
          expect(chunks.join(" ")).toBe(textIn);
          for (const c of chunks) {
            expect(c.length).toBeLessThanOrEqual(limit);
            expect(c).toMatch(/\.$/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("renders a briefing with its sources as links, a footer with the topic, and the time", () => {
    const [message] = renderDiscord({
      kind: "briefing",
      briefing: {
        topic: "libya-ceasefire",
        title: "Libya ceasefire",
        generatedAt: "2020-06-09T12:00:00.000Z",
        summary: [{ text: "Egypt proposed a ceasefire. @everyone <@&1> should read it.", articleId: "a" }],
        entities: [
          { name: "Khalifa Haftar", type: "person", aliases: ["Haftar"], mentions: 4, role: "commander" },
        ],
        timeline: [{ date: "2020-06-06", text: "Sisi announced the Cairo Declaration.", articleId: "a" }],
        sources: [
          {
            articleId: "a",
            title: "Egypt's initiative",
            url: "https://example.com/a_(1)",
            published: "2020-06-08",
            source: "Wire",
          },
        ],
      },
    });
    const embed = message?.embeds[0];
    expect(embed?.title).toBe("Libya ceasefire — briefing");
    expect(embed?.description).toBe(
      "• Egypt proposed a ceasefire. @\u200beveryone \\<@&1\\> should read it. [1]",
    );
    expect(embed?.fields?.map((f) => f.name)).toEqual(["Who and what", "Timeline", "Sources"]);
    expect(embed?.fields?.[0]?.value).toBe("• **Khalifa Haftar** (commander, person, 4×) — also Haftar");
    expect(embed?.fields?.[1]?.value).toBe("• **2020-06-06** — Sisi announced the Cairo Declaration. [1]");
    expect(embed?.fields?.[2]?.value).toBe(
      "[1] [Egypt's initiative](https://example.com/a_%281%29) · 2020-06-08 · Wire",
    );
    expect(embed?.footer?.text).toBe("libya-ceasefire · newsbrief");
    expect(embed?.timestamp).toBe("2020-06-09T12:00:00.000Z");
    expect(message?.allowedMentions).toEqual({ parse: [] });
  });

  it("shows a digest's background line and who stands where, each citing its source", () => {
    const [message] = renderDiscord({
      kind: "briefing",
      briefing: {
        topic: "libya-ceasefire",
        title: "Libya ceasefire",
        generatedAt: "2020-06-09T12:00:00.000Z",
        since: "2020-06-07T00:00:00.000Z",
        summary: [{ text: "Egypt proposed a ceasefire.", articleId: "a" }],
        context: { text: "Haftar's forces took Sirte in January @here.", articleId: "b" },
        positions: [
          {
            actor: "the government",
            stance: "opposes",
            verb: "did not accept",
            target: "the proposal <@&1>",
            evidence: { articleId: "a", sentence: "The government did not accept the proposal." },
          },
        ],
        entities: [],
        timeline: [],
        sources: [
          { articleId: "a", title: "New", url: null, published: "2020-06-08", source: null },
          { articleId: "b", title: "Old", url: null, published: "2020-01-20", source: null },
        ],
      },
    });
    const fields = message?.embeds[0]?.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual(["Background", "Positions", "Sources"]);
    expect(fields[0]?.value).toBe("• Haftar's forces took Sirte in January @\u200bhere. [2]");
    expect(fields[1]?.value).toBe("• the government did not accept the proposal \\<@&1\\> [1]");
  });

  it("spreads a very long timeline over several embeds and messages", () => {
    const events = Array.from({ length: 400 }, (_, i) => ({
      date: `2020-06-${String((i % 28) + 1).padStart(2, "0")}`,
      text: `Event number ${i} happened after a long day of talks between the delegations in Cairo and Berlin.`,
      articleId: "a",
    }));
    const messages = renderDiscord({ kind: "timeline", timeline: { topic: "t", title: "T", events } });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(violations(m)).toEqual([]);
    const all = messages.map(embedText).join("\n");
    for (let i = 0; i < 400; i++) expect(all).toContain(`Event number ${i} happened`);
  });
});
