/**
 * Reply documents as Discord embeds: briefings and answers with their sources as links, a footer
 * with the topic and the time, every limit respected (see embed-layout.ts) and no mention anywhere.
 */
import type { AskResult, Briefing, Evidence, ReplyDocument, TimelineResult } from "../../core/reply.js";
import { positionText } from "../../render/text.js";
import { type DiscordMessage, type EmbedDraft, layoutEmbeds, type Section } from "./embed-layout.js";
import { inert, link } from "./markdown.js";
import type { Line } from "./split-text.js";

const COLORS = {
  briefing: 0x3b82f6,
  answer: 0x22a559,
  unanswered: 0x99aab5,
  info: 0x5865f2,
  warning: 0xfee75c,
  error: 0xed4245,
} as const;

/** Labels and lines long enough to be split lose their bold; short ones keep it. */
const BOLD_MAX = 200;

export interface RenderOptions {
  /** The time shown on replies that carry none of their own. */
  now?: Date;
}

export function renderDiscord(doc: ReplyDocument, options: RenderOptions = {}): DiscordMessage[] {
  const now = (options.now ?? new Date()).toISOString();
  return layoutEmbeds(draftFor(doc, now));
}

function draftFor(doc: ReplyDocument, now: string): EmbedDraft {
  switch (doc.kind) {
    case "briefing":
      return briefingDraft(doc.briefing);
    case "answer":
      return answerDraft(doc.answer, now);
    case "timeline":
      return timelineDraft(doc.timeline, now);
    case "list":
      return {
        title: inert(doc.title),
        color: COLORS.info,
        description:
          doc.items.length === 0
            ? [inert(doc.empty)]
            : doc.items.map((item) => ({
                prefix: "• ",
                text: [
                  item.url ? link(item.text, item.url) : bold(inert(item.text)),
                  item.detail ? inert(item.detail) : "",
                ]
                  .filter(Boolean)
                  .join(" — "),
              })),
        sections: [],
        footer: doc.footer ?? "newsbrief",
        timestamp: now,
      };
    case "notice":
      return { color: COLORS[doc.level], description: [inert(doc.text)], sections: [] };
  }
}

function bold(text: string): string {
  return text && text.length <= BOLD_MAX ? `**${text}**` : text;
}

function date(iso: string): string {
  return iso.slice(0, 10);
}

function briefingDraft(b: Briefing): EmbedDraft {
  const heading = b.since ? `what's new since ${date(b.since)}` : "briefing";
  const base = {
    title: `${inert(b.title)} — ${heading}`,
    color: COLORS.briefing,
    footer: `${b.topic} · newsbrief`,
    timestamp: b.generatedAt,
  };
  if (b.notice) return { ...base, description: [inert(b.notice)], sections: [] };
  const cite = new Map(b.sources.map((s, i) => [s.articleId, i + 1]));
  const mark = (articleId: string) => `[${cite.get(articleId) ?? "?"}]`;
  const sections: Section[] = [];
  // A digest's line from before its date, which the new lines build on.
  if (b.context)
    sections.push({
      name: "Background",
      lines: [{ prefix: "• ", text: `${inert(b.context.text)} ${mark(b.context.articleId)}` }],
    });
  if (b.entities.length > 0) {
    sections.push({
      name: "Who and what",
      lines: b.entities.map((e) => {
        const details = [e.role, e.type === "other" ? undefined : e.type, `${e.mentions}×`].filter(Boolean);
        const aliases = e.aliases.length > 0 ? ` — also ${inert(e.aliases.join(", "))}` : "";
        return {
          prefix: "• ",
          text: `${bold(inert(e.name))} (${inert(details.join(", "))})${aliases}`,
        };
      }),
    });
  }
  if (b.positions && b.positions.length > 0) {
    sections.push({
      name: "Positions",
      lines: b.positions.map((p) => ({
        prefix: "• ",
        text: `${inert(positionText(p))} ${mark(p.evidence.articleId)}`,
      })),
    });
  }
  if (b.timeline.length > 0) {
    sections.push({
      name: "Timeline",
      lines: b.timeline.map((t) => ({
        prefix: "• ",
        text: `**${inert(t.date)}** — ${inert(t.text)} ${mark(t.articleId)}`,
      })),
    });
  }
  sections.push({
    name: "Sources",
    lines:
      b.sources.length === 0
        ? ["No articles yet."]
        : b.sources.map((s) => {
            const details = [date(s.published), s.source].filter(Boolean).map((d) => inert(d as string));
            return `${mark(s.articleId)} ${[link(s.title, s.url), ...details].join(" · ")}`;
          }),
  });
  const summary: Line[] = b.summary.map((s) => ({
    prefix: "• ",
    text: `${inert(s.text)} ${mark(s.articleId)}`,
  }));
  return { ...base, description: summary.length > 0 ? summary : ["No summary yet."], sections };
}

/** The sentence quoted, then where it is from, linked. */
function evidenceLines(e: Evidence): (Line | string)[] {
  return [
    { prefix: "> ", text: `“${inert(e.sentence)}”` },
    `— ${[link(e.title, e.url), inert(date(e.published))].join(" · ")}`,
  ];
}

function answerDraft(a: AskResult, now: string): EmbedDraft {
  const title = inert(a.question);
  if (a.abstained || a.answer === null) {
    return {
      title,
      color: COLORS.unanswered,
      description: ["I couldn't find that in the articles."],
      sections: a.related
        ? [{ name: "Closest related sentence (not an answer)", lines: evidenceLines(a.related) }]
        : [],
      footer: "newsbrief",
      timestamp: now,
    };
  }
  const how = a.answerKind === "sentence" ? ", answered with the evidence sentence" : "";
  return {
    title,
    color: COLORS.answer,
    description: [inert(a.answer), `*confidence ${a.confidence.toFixed(2)}${how}*`],
    sections: [
      { name: a.evidence.length > 1 ? "Sources" : "Source", lines: a.evidence.flatMap(evidenceLines) },
    ],
    footer: "newsbrief",
    timestamp: now,
  };
}

function timelineDraft(t: TimelineResult, now: string): EmbedDraft {
  return {
    title: `${inert(t.title)} — timeline`,
    color: COLORS.briefing,
    description:
      t.events.length === 0
        ? ["No dated events found."]
        : t.events.map((e) => ({ prefix: "• ", text: `**${inert(e.date)}** — ${inert(e.text)}` })),
    sections: [],
    footer: `${t.topic} · newsbrief`,
    timestamp: now,
  };
}
