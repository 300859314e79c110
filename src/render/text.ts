/** Plain-text rendering of reply documents, for the console chat and the CLI. */
import type {
  AskResult,
  Briefing,
  Evidence,
  Position,
  ReplyDocument,
  SourceRef,
  TimelineEvent,
  TimelineResult,
} from "../core/reply.js";

export function renderText(doc: ReplyDocument): string {
  switch (doc.kind) {
    case "briefing":
      return renderBriefing(doc.briefing);
    case "answer":
      return renderAnswer(doc.answer);
    case "timeline":
      return renderTimeline(doc.timeline);
    case "list": {
      const lines = [doc.title];
      if (doc.items.length === 0) lines.push(`  ${doc.empty}`);
      for (const item of doc.items) {
        lines.push(
          `  • ${item.text}${item.detail ? ` — ${item.detail}` : ""}${item.url ? ` <${item.url}>` : ""}`,
        );
      }
      if (doc.footer) lines.push(doc.footer);
      return lines.join("\n");
    }
    case "notice":
      return doc.level === "info" ? doc.text : `${doc.level === "error" ? "Error" : "Note"}: ${doc.text}`;
  }
}

/** Number each cited article once, in order of first citation. */
function citationNumbers(sources: SourceRef[]): Map<string, number> {
  return new Map(sources.map((s, i) => [s.articleId, i + 1]));
}

/** "2020-06-06", or a span of days as "2020-06-06/07". */
export function eventDate(e: TimelineEvent): string {
  if (!e.until) return e.date;
  return e.until.slice(0, 7) === e.date.slice(0, 7)
    ? `${e.date}/${e.until.slice(8)}`
    : `${e.date}/${e.until}`;
}

export function date(iso: string): string {
  return iso.slice(0, 10);
}

/** A position as one line of plain text: "the federal government called the agreement a great step forward". */
export function positionText(p: Position): string {
  return [p.actor, p.verb ?? p.stance, p.target, p.complement].filter(Boolean).join(" ");
}

export function renderBriefing(b: Briefing): string {
  const lines = [`${b.title} — ${b.since ? `what's new since ${date(b.since)}` : "briefing"}`];
  if (b.notice) {
    lines.push(b.notice);
    return lines.join("\n");
  }
  const cite = citationNumbers(b.sources);
  if (b.context)
    lines.push("", "Background", `  • ${b.context.text} [${cite.get(b.context.articleId) ?? "?"}]`);
  lines.push("", b.since ? "What's new" : "Summary");
  for (const s of b.summary) lines.push(`  • ${s.text} [${cite.get(s.articleId) ?? "?"}]`);
  if (b.entities.length > 0) {
    lines.push("", "Who and what");
    for (const e of b.entities) {
      const details = [e.role, e.affiliation, e.type === "other" ? undefined : e.type, `${e.mentions}×`]
        .filter(Boolean)
        .join(", ");
      lines.push(`  • ${e.name} (${details})${e.aliases.length ? ` — also ${e.aliases.join(", ")}` : ""}`);
    }
  }
  if (b.positions && b.positions.length > 0) {
    lines.push("", "Positions");
    for (const p of b.positions)
      lines.push(`  • ${positionText(p)} [${cite.get(p.evidence.articleId) ?? "?"}]`);
  }
  if (b.timeline.length > 0) {
    lines.push("", "Timeline");
    for (const t of b.timeline)
      lines.push(`  • ${eventDate(t)} — ${t.text} [${cite.get(t.articleId) ?? "?"}]`);
  }
  lines.push("", "Sources");
  for (const s of b.sources) lines.push(`  [${cite.get(s.articleId)}] ${sourceLine(s)}`);
  return lines.join("\n");
}

function sourceLine(s: SourceRef): string {
  return [s.title, date(s.published), s.source, s.url].filter(Boolean).join(" · ");
}

function evidenceLine(e: Evidence): string {
  return `  “${e.sentence}”\n    — ${[e.title, date(e.published), e.url].filter(Boolean).join(" · ")}`;
}

export function renderAnswer(a: AskResult): string {
  if (a.abstained) {
    const lines = ["I couldn't find that in the briefings."];
    if (a.related) lines.push("Closest related sentence (not an answer):", evidenceLine(a.related));
    return lines.join("\n");
  }
  const lines: string[] = [];
  if (a.resolvedQuestion) lines.push(`(reading that as: ${a.resolvedQuestion})`);
  lines.push(
    `${a.answer}`,
    `(confidence ${a.confidence.toFixed(2)}${a.answerKind === "sentence" ? ", answered with the evidence sentence" : ""})`,
  );
  lines.push("Source:");
  for (const e of a.evidence) lines.push(evidenceLine(e));
  return lines.join("\n");
}

export function renderTimeline(t: TimelineResult): string {
  const lines = [`${t.title} — timeline`];
  if (t.events.length === 0) lines.push("  No dated events found.");
  for (const e of t.events) lines.push(`  • ${eventDate(e)} — ${e.text}`);
  return lines.join("\n");
}
