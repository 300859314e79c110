/**
 * Reply documents as Slack messages: Block Kit blocks plus a plain-text fallback `text`.
 * Every piece of article or user text goes through escape.ts; the only markup in a message is ours
 * (bold titles and `<url|title>` links to sources).
 */
import type {
  AskResult,
  Briefing,
  EntitySummary,
  Evidence,
  ReplyDocument,
  TimelineResult,
} from "../../core/reply.js";
import { date, positionText, renderText } from "../../render/text.js";
import { type Block, BlockBuilder, LIMITS } from "./block-kit.js";
import { escapeLine, escapeText, escapeTruncated, link, truncateEscaped } from "./escape.js";

export interface SlackMessage {
  /** Plain-text fallback: notifications, and clients that cannot show blocks. */
  text: string;
  blocks: Block[];
}

/** Caps per part of a briefing, so a long summary cannot crowd the sources out of the message. */
const CAPS = {
  summary: 12,
  entities: 10,
  positions: 12,
  timeline: 15,
  sources: 15,
  line: 600,
  quote: 1200,
} as const;

export function renderSlackMessage(doc: ReplyDocument): SlackMessage {
  const out = new BlockBuilder();
  switch (doc.kind) {
    case "briefing":
      briefingBlocks(doc.briefing, out);
      break;
    case "answer":
      answerBlocks(doc.answer, out);
      break;
    case "timeline":
      timelineBlocks(doc.timeline, out);
      break;
    case "list": {
      out.header(escapeLine(doc.title, LIMITS.headerText));
      if (doc.items.length === 0) out.section(escapeText(doc.empty));
      out.list(
        "",
        doc.items.map((item) => {
          const text = item.url ? link(item.url, item.text) : escapeTruncated(item.text, CAPS.line);
          return `• ${text}${item.detail ? ` — ${escapeTruncated(item.detail, CAPS.line)}` : ""}`;
        }),
      );
      if (doc.footer) out.context([escapeText(doc.footer)]);
      break;
    }
    case "notice": {
      const mark = doc.level === "error" ? ":x: " : doc.level === "warning" ? ":warning: " : "";
      out.section(`${mark}${escapeText(doc.text)}`);
      break;
    }
  }
  const text = fallbackText(doc);
  const blocks = out.build();
  // Slack refuses an empty block list; an empty document still says something.
  return { text, blocks: blocks.length > 0 ? blocks : new BlockBuilder().section(text).build() };
}

/** The plain-text rendering, escaped and cut to a preview's length. */
export function fallbackText(doc: ReplyDocument): string {
  return truncateEscaped(escapeText(renderText(doc).trim()), LIMITS.fallbackText) || "newsbrief";
}

function briefingBlocks(b: Briefing, out: BlockBuilder): void {
  out.setFooter([`Topic: ${escapeLine(b.topic, 100) || "—"}`, `Generated ${timestamp(b.generatedAt)}`]);
  out.header(
    escapeLine(
      `${b.title} — ${b.since ? `what's new since ${date(b.since)}` : "briefing"}`,
      LIMITS.headerText,
    ),
  );
  if (b.notice) {
    out.section(escapeText(b.notice));
    return;
  }
  const cite = new Map(b.sources.map((s, i) => [s.articleId, i + 1]));
  const ref = (articleId: string) => `[${cite.get(articleId) ?? "?"}]`;
  // A digest's line from before its date, which the new lines build on.
  if (b.context)
    out.list("Background", [`• ${escapeTruncated(b.context.text, CAPS.line)} ${ref(b.context.articleId)}`]);
  out.list(
    b.since ? "What's new" : "Summary",
    capped(
      b.summary.map((s) => `• ${escapeTruncated(s.text, CAPS.line)} ${ref(s.articleId)}`),
      CAPS.summary,
      "more points",
    ),
  );
  if (b.entities.length > 0) out.fields("Who and what", b.entities.slice(0, CAPS.entities).map(entityField));
  if (b.positions && b.positions.length > 0) {
    out.list(
      "Positions",
      capped(
        b.positions.map(
          (p) => `• ${escapeTruncated(positionText(p), CAPS.line)} ${ref(p.evidence.articleId)}`,
        ),
        CAPS.positions,
        "more positions",
      ),
    );
  }
  if (b.timeline.length > 0) {
    out.list(
      "Timeline",
      capped(
        b.timeline.map(
          (t) => `• *${escapeLine(t.date, 40)}* — ${escapeTruncated(t.text, CAPS.line)} ${ref(t.articleId)}`,
        ),
        CAPS.timeline,
        "more with /timeline",
      ),
    );
  }
  out.list(
    "Sources",
    capped(
      b.sources.map((s, i) => {
        const meta = [date(s.published), s.source].filter(Boolean).join(" · ");
        return `[${i + 1}] ${link(s.url, s.title)}${meta ? ` · ${escapeTruncated(meta, 200)}` : ""}`;
      }),
      CAPS.sources,
      "more with /sources",
    ),
  );
}

function entityField(e: EntitySummary): string {
  const details = [e.role, e.type === "other" ? undefined : e.type, `${e.mentions}×`]
    .filter(Boolean)
    .join(", ");
  const aliases = e.aliases.length > 0 ? `\nalso ${escapeTruncated(e.aliases.join(", "), 300)}` : "";
  return `*${escapeLine(e.name, 100)}*\n${escapeTruncated(details, 200)}${aliases}`;
}

function answerBlocks(a: AskResult, out: BlockBuilder): void {
  out.context([
    `Question: ${escapeTruncated(a.question, 500)}`,
    // A follow-up as it was understood ("what did he say?" → "what did Sisi say?").
    ...(a.resolvedQuestion ? [`Read as: ${escapeTruncated(a.resolvedQuestion, 500)}`] : []),
  ]);
  if (a.abstained) {
    out.section("I couldn't find that in the briefings.");
    if (a.related) out.list("Closest related sentence (not an answer)", [quote(a.related)]);
    return;
  }
  out.section(escapeTruncated(a.answer ?? "", 2500));
  out.context([
    `Confidence ${a.confidence.toFixed(2)}${a.answerKind === "sentence" ? " · answered with the evidence sentence" : ""}`,
  ]);
  out.list(a.evidence.length > 1 ? "Sources" : "Source", a.evidence.map(quote));
}

function quote(e: Evidence): string {
  const meta = [link(e.url, e.title), escapeText(date(e.published))].filter(Boolean).join(" · ");
  return `“${escapeTruncated(e.sentence, CAPS.quote)}”\n— ${meta}`;
}

function timelineBlocks(t: TimelineResult, out: BlockBuilder): void {
  out.setFooter([`Topic: ${escapeLine(t.topic, 100) || "—"}`]);
  out.header(escapeLine(`${t.title} — timeline`, LIMITS.headerText));
  if (t.events.length === 0) out.section("No dated events found.");
  out.list(
    "",
    t.events.map((e) => `• *${escapeLine(e.date, 40)}* — ${escapeTruncated(e.text, CAPS.line)}`),
  );
}

/** The first `max` lines, and a line saying how many more there are. */
function capped(lines: string[], max: number, more: string): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `_…and ${lines.length - max} ${more}_`];
}

/** "2020-06-08 14:05 UTC" from an ISO date-time. */
function timestamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? escapeTruncated(iso, 40)
    : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
