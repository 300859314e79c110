/** Dated events across a topic's articles: resolved, de-duplicated, oldest first, each citing its sentence. */
import type { Article } from "../core/model.js";
import type { TimelineEvent } from "../core/reply.js";

/** Two reports of one event: the same date and mostly the same words. */
const SAME_EVENT_OVERLAP = 0.6;

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.min(a.size, b.size);
}

export function buildTimeline(articles: Article[]): TimelineEvent[] {
  type Event = TimelineEvent & { published: string; order: number; terms: Set<string> };
  const events: Event[] = [];
  // Only events on the same date can be the same event: a topic's hundreds of dated sentences are compared
  // within their date, not each with all.
  const onDate = new Map<string, Event[]>();
  const ordered = [...articles].sort(
    (a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id),
  );
  for (const article of ordered) {
    const seenHere = new Set<string>();
    for (const event of article.analysis.events) {
      const sentence = article.analysis.sentences[event.sentenceIndex];
      if (!sentence) continue;
      // One sentence with two dates ("at the weekend … this week") is listed once, under its first date.
      if (seenHere.has(`${event.sentenceIndex}`)) continue;
      seenHere.add(`${event.sentenceIndex}`);
      const terms = new Set(sentence.terms);
      const sameDate = onDate.get(event.date) ?? [];
      if (sameDate.some((e) => overlap(e.terms, terms) >= SAME_EVENT_OVERLAP)) continue;
      const added: Event = {
        date: event.date,
        text: sentence.text,
        articleId: article.id,
        published: article.published,
        order: event.sentenceIndex,
        terms,
      };
      events.push(added);
      sameDate.push(added);
      onDate.set(event.date, sameDate);
    }
  }
  events.sort(
    (a, b) => compareDates(a.date, b.date) || a.published.localeCompare(b.published) || a.order - b.order,
  );
  return events.map(({ date, text, articleId }) => ({ ...splitSpan(date), text, articleId }));
}

/** "2020-06-06/07" (a span as analysis stores it) → date "2020-06-06" and until "2020-06-07". */
export function splitSpan(value: string): { date: string; until?: string } {
  const m = value.match(/^(\d{4}-\d{2})-(\d{2})\/(?:(\d{4}-\d{2})-)?(\d{2})$/);
  if (!m) return { date: value };
  return { date: `${m[1]}-${m[2]}`, until: `${m[3] ?? m[1]}-${m[4]}` };
}

/** "2020" sorts before "2020-01", which sorts before "2020-01-05" and the span "2020-01-05/06". */
function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
