/** Block Kit rendering: every document, however hostile or huge, gives valid blocks within Slack's limits. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Block, blockTextLength, LIMITS } from "../../src/adapters/slack/block-kit.js";
import { linkTarget } from "../../src/adapters/slack/escape.js";
import { renderSlackMessage, type SlackMessage } from "../../src/adapters/slack/render-blocks.js";
import type {
  AskResult,
  Briefing,
  EntitySummary,
  Evidence,
  ReplyDocument,
  SourceRef,
  TimelineResult,
} from "../../src/core/reply.js";
import { positionOf } from "../helpers/arbitraries.js";

// --- arbitraries: text people and articles could contain, with Slack's markup mixed in ---------------

const HOSTILE = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "@here",
  "@channel",
  "@everyone",
  "<@U123ABC>",
  "<@U123ABC|bob>",
  "<#C123|general>",
  "<!subteam^S123|@team>",
  "<!date^1392734382^{date}|Feb 18>",
  "<http://evil.example|Click me>",
  "<https://evil.example>",
  "&amp;",
  "&lt;!channel&gt;",
  "&",
  "<",
  ">",
  "|",
  "*bold*",
  "```",
  "\n",
  "😀",
  "\u{1F1E9}\u{1F1EA}",
];

const piece = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.stringMatching(/^\s+$/),
);
const text = fc.oneof(
  { weight: 4, arbitrary: fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")) },
  // Huge: far beyond any single Slack limit.
  {
    weight: 1,
    arbitrary: fc
      .tuple(piece, fc.integer({ min: 500, max: 4000 }))
      .map(([p, n]) => (p || "x").repeat(n).slice(0, 12_000)),
  },
);
const url = fc.oneof(
  fc.constant(null),
  fc.webUrl(),
  fc.constantFrom(
    "javascript:alert(1)",
    "http://a.example/|x>y<z&w",
    "https://example.com/a?b=1&c=<2>",
    "http://evil.example|Click me",
    "ftp://example.com/file",
    `https://example.com/${"long/".repeat(400)}`,
  ),
  text,
);
const iso = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const articleId = fc.constantFrom("a1", "a2", "a3", "a4", "zz");

const source: fc.Arbitrary<SourceRef> = fc.record({
  articleId,
  title: text,
  url,
  published: iso,
  source: fc.option(text, { nil: null }),
});
const entity: fc.Arbitrary<EntitySummary> = fc.record(
  {
    name: text,
    type: fc.constantFrom("person", "organization", "place", "other") as fc.Arbitrary<EntitySummary["type"]>,
    aliases: fc.array(text, { maxLength: 5 }),
    mentions: fc.nat(1000),
    role: text,
  },
  { requiredKeys: ["name", "type", "aliases", "mentions"] },
);
const evidence: fc.Arbitrary<Evidence> = fc.record({
  articleId,
  title: text,
  url,
  published: iso,
  sentence: text,
});

const position = positionOf(text, articleId);
const briefing: fc.Arbitrary<Briefing> = fc.record(
  {
    topic: text,
    title: text,
    generatedAt: iso,
    since: iso,
    notice: text,
    summary: fc.array(fc.record({ text, articleId }), { maxLength: 40 }),
    entities: fc.array(entity, { maxLength: 30 }),
    timeline: fc.array(fc.record({ date: text, text, articleId }), { maxLength: 60 }),
    sources: fc.array(source, { maxLength: 40 }),
    positions: fc.array(position, { maxLength: 30 }),
    context: fc.record({ text, articleId }),
  },
  { requiredKeys: ["topic", "title", "generatedAt", "summary", "entities", "timeline", "sources"] },
);
const answer: fc.Arbitrary<AskResult> = fc.record(
  {
    question: text,
    answer: fc.option(text, { nil: null }),
    abstained: fc.boolean(),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    answerKind: fc.constantFrom("span", "sentence", "yes-no") as fc.Arbitrary<AskResult["answerKind"]>,
    resolvedQuestion: text,
    related: evidence,
    evidence: fc.array(evidence, { maxLength: 8 }),
  },
  { requiredKeys: ["question", "answer", "abstained", "confidence", "evidence"] },
);
const timeline: fc.Arbitrary<TimelineResult> = fc.record({
  topic: text,
  title: text,
  events: fc.array(fc.record({ date: text, text, articleId }), { maxLength: 80 }),
});
const privateFlag = fc.option(fc.boolean(), { nil: undefined });

const documents: fc.Arbitrary<ReplyDocument> = fc.oneof(
  fc.record({ kind: fc.constant("briefing" as const), briefing, private: privateFlag }),
  fc.record({ kind: fc.constant("answer" as const), answer, private: privateFlag }),
  fc.record({ kind: fc.constant("timeline" as const), timeline, private: privateFlag }),
  fc.record(
    {
      kind: fc.constant("list" as const),
      title: text,
      items: fc.array(fc.record({ text, detail: text, url }, { requiredKeys: ["text"] }), { maxLength: 80 }),
      empty: text,
      footer: text,
      private: privateFlag,
    },
    { requiredKeys: ["kind", "title", "items", "empty"] },
  ),
  fc.record({
    kind: fc.constant("notice" as const),
    level: fc.constantFrom("info", "warning", "error") as fc.Arbitrary<"info" | "warning" | "error">,
    text,
    private: privateFlag,
  }),
);

// --- what must hold for every message ---------------------------------------------------------

/** The URLs a document gives, as the renderer may link them. */
function allowedTargets(doc: ReplyDocument): Set<string> {
  const urls: (string | null | undefined)[] = [];
  if (doc.kind === "briefing") urls.push(...doc.briefing.sources.map((s) => s.url));
  if (doc.kind === "answer") {
    urls.push(...doc.answer.evidence.map((e) => e.url), doc.answer.related?.url);
  }
  if (doc.kind === "list") urls.push(...doc.items.map((i) => i.url));
  return new Set(urls.map(linkTarget).filter((t): t is string => t !== undefined));
}

function texts(block: Block): string[] {
  switch (block.type) {
    case "header":
      return [block.text.text];
    case "section":
      return [block.text.text, ...(block.fields ?? []).map((f) => f.text)];
    case "context":
      return block.elements.map((e) => e.text);
    case "divider":
      return [];
  }
}

const LINK = /<(https?:\/\/[^\s<>|]+)\|([^<>]*)>/g;

/** Everything is escaped: the only markup left is links to the document's own URLs. */
function expectInert(value: string, allowed: Set<string>): void {
  const withoutLinks = value.replace(LINK, (_whole, target: string) => {
    expect(allowed.has(target), `link to ${target} was not one of the document's URLs`).toBe(true);
    return "";
  });
  expect(withoutLinks).not.toMatch(/[<>]/);
  expect(value).not.toMatch(/&(?!amp;|lt;|gt;)/);
  expect(value).not.toMatch(/@(here|channel|everyone)\b/i);
}

function expectValid(message: SlackMessage, doc: ReplyDocument): void {
  const { blocks } = message;
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  let total = 0;
  for (const block of blocks) {
    total += blockTextLength(block);
    if (block.type === "header") {
      expect(block.text.type).toBe("plain_text");
      expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    }
    if (block.type === "section") {
      expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(block.text.verbatim).toBe(true);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
      for (const f of block.fields ?? []) {
        expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
        expect(f.verbatim).toBe(true);
      }
    }
    if (block.type === "context") {
      expect(block.elements.length).toBeGreaterThan(0);
      expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
      for (const e of block.elements) expect(e.verbatim).toBe(true);
    }
    for (const t of texts(block)) {
      expect(t.trim().length).toBeGreaterThan(0);
      expect(t.length).toBeLessThanOrEqual(3000);
    }
  }
  expect(total).toBeLessThanOrEqual(LIMITS.totalText);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  const allowed = allowedTargets(doc);
  for (const t of [message.text, ...blocks.flatMap(texts)]) expectInert(t, allowed);
  // Fallback text never carries links, only escaped text.
  expect(message.text).not.toMatch(/[<>]/);
}

describe("renderSlackMessage (property)", () => {
  it("gives valid, escaped blocks within every limit for any document", () => {
    fc.assert(
      fc.property(documents, (doc) => {
        expectValid(renderSlackMessage(doc), doc);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the topic footer last however much has to be cut", () => {
    fc.assert(
      fc.property(briefing, (b) => {
        const { blocks } = renderSlackMessage({ kind: "briefing", briefing: b });
        const last = blocks.at(-1);
        expect(last?.type).toBe("context");
        expect(last?.type === "context" && last.elements[0]?.text.startsWith("Topic: ")).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("renderSlackMessage (examples)", () => {
  const sources: SourceRef[] = [
    {
      articleId: "a1",
      title: "Sisi announces <Cairo Declaration> & more",
      url: "https://example.com/a?x=1&y=2",
      published: "2020-06-06T00:00:00.000Z",
      source: "Example News",
    },
    {
      articleId: "a2",
      title: "No link here",
      url: "javascript:alert(1)",
      published: "2020-06-07",
      source: null,
    },
  ];
  const b: Briefing = {
    topic: "libya-ceasefire",
    title: "Libya ceasefire",
    generatedAt: "2020-06-08T12:30:00.000Z",
    summary: [{ text: "Egypt proposed a ceasefire <!channel>.", articleId: "a1" }],
    entities: [
      { name: "Khalifa Haftar", type: "person", aliases: ["Haftar"], mentions: 7, role: "commander" },
    ],
    timeline: [{ date: "2020-06-06", text: "The Cairo Declaration is announced.", articleId: "a1" }],
    sources,
  };

  it("renders a briefing as header, summary, people, timeline, sources and a topic line", () => {
    const { blocks, text } = renderSlackMessage({ kind: "briefing", briefing: b });
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Libya ceasefire — briefing" },
    });
    const all = JSON.stringify(blocks);
    expect(all).toContain("*Summary*\\n• Egypt proposed a ceasefire &lt;!channel&gt;. [1]");
    expect(all).toContain("*Khalifa Haftar*\\ncommander, person, 7×");
    expect(all).toContain("• *2020-06-06* — The Cairo Declaration is announced. [1]");
    expect(all).toContain(
      "[1] <https://example.com/a?x=1&amp;y=2|Sisi announces &lt;Cairo Declaration&gt; &amp; more> · 2020-06-06 · Example News",
    );
    expect(all).toContain("[2] No link here · 2020-06-07");
    expect(blocks.at(-1)).toEqual({
      type: "context",
      elements: [
        { type: "mrkdwn", text: "Topic: libya-ceasefire", verbatim: true },
        { type: "mrkdwn", text: "Generated 2020-06-08 12:30 UTC", verbatim: true },
      ],
    });
    expect(text).toContain("Libya ceasefire — briefing");
    expect(text).toContain("&lt;!channel&gt;");
  });

  it("shows a digest's background line and who stands where, each citing its source", () => {
    const digest: Briefing = {
      ...b,
      since: "2020-06-07T00:00:00.000Z",
      context: { text: "Haftar's forces took Sirte in January <@U123>.", articleId: "a2" },
      positions: [
        {
          actor: "the federal government",
          stance: "supports",
          verb: "called",
          target: "the agreement",
          complement: "a great step forward",
          evidence: {
            articleId: "a1",
            sentence: "The federal government called the agreement a great step forward.",
          },
        },
      ],
    };
    const all = JSON.stringify(renderSlackMessage({ kind: "briefing", briefing: digest }).blocks);
    expect(all).toContain("*Background*\\n• Haftar's forces took Sirte in January &lt;@U123&gt;. [2]");
    expect(all).toContain("*What's new*\\n• Egypt proposed");
    expect(all).toContain(
      "*Positions*\\n• the federal government called the agreement a great step forward [1]",
    );
    expect(all.indexOf("*Background*")).toBeLessThan(all.indexOf("*What's new*"));
  });

  it("shortens a huge briefing with a note, keeping the footer", () => {
    const huge: Briefing = {
      ...b,
      summary: Array.from({ length: 12 }, (_, i) => ({
        text: `Point ${i} ${"word ".repeat(120)}`,
        articleId: "a1",
      })),
      timeline: Array.from({ length: 15 }, (_, i) => ({
        date: `2020-06-${i + 1}`,
        text: "event ".repeat(100),
        articleId: "a1",
      })),
    };
    const message = renderSlackMessage({ kind: "briefing", briefing: huge });
    expectValid(message, { kind: "briefing", briefing: huge });
    const all = JSON.stringify(message.blocks);
    expect(all).toContain("Shortened to fit Slack's message limits");
    expect(message.blocks.at(-1)?.type).toBe("context");
  });

  it("says where the rest is when a part of a briefing is capped", () => {
    const many: Briefing = {
      ...b,
      timeline: Array.from({ length: 20 }, (_, i) => ({
        date: `2020-06-${i + 1}`,
        text: "x",
        articleId: "a1",
      })),
    };
    expect(JSON.stringify(renderSlackMessage({ kind: "briefing", briefing: many }).blocks)).toContain(
      "…and 5 more with /timeline",
    );
  });

  it("renders an answer with its question, confidence and quoted source", () => {
    const a: AskResult = {
      question: "Who brokered it <@U1>?",
      answer: "Sisi",
      abstained: false,
      confidence: 0.82,
      answerKind: "span",
      evidence: [
        {
          articleId: "a1",
          title: "Report",
          url: "https://example.com/r",
          published: "2020-06-08",
          sentence: "Sisi brokered it.",
        },
      ],
    };
    const all = JSON.stringify(renderSlackMessage({ kind: "answer", answer: a }).blocks);
    expect(all).toContain("Question: Who brokered it &lt;@U1&gt;?");
    expect(all).not.toContain("Read as:");
    const followUp = JSON.stringify(
      renderSlackMessage({
        kind: "answer",
        answer: { ...a, resolvedQuestion: "who brokered the ceasefire?" },
      }).blocks,
    );
    expect(followUp).toContain("Read as: who brokered the ceasefire?");
    expect(all).toContain("Confidence 0.82");
    expect(all).toContain("“Sisi brokered it.”\\n— <https://example.com/r|Report> · 2020-06-08");
  });

  it("marks warnings and errors", () => {
    expect(
      JSON.stringify(renderSlackMessage({ kind: "notice", level: "warning", text: "Careful" }).blocks),
    ).toContain(":warning: Careful");
    expect(
      JSON.stringify(renderSlackMessage({ kind: "notice", level: "error", text: "Broken" }).blocks),
    ).toContain(":x: Broken");
  });
});
