/** Dated events across a topic's articles: resolved, de-duplicated, oldest first, each citing its sentence. */
import type { Article } from "../core/model.js";
import type { TimelineEvent } from "../core/reply.js";

export function buildTimeline(articles: Article[]): TimelineEvent[] {
  const seen = new Set<string>();
  const events: (TimelineEvent & { published: string; order: number })[] = [];
  for (const article of articles) {
    for (const event of article.analysis.events) {
      const sentence = article.analysis.sentences[event.sentenceIndex];
      if (!sentence) continue;
      const key = `${event.date}|${sentence.terms.join(" ")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      events.push({
        date: event.date,
        text: sentence.text,
        articleId: article.id,
        published: article.published,
        order: event.sentenceIndex,
      });
    }
  }
  events.sort(
    (a, b) => compareDates(a.date, b.date) || a.published.localeCompare(b.published) || a.order - b.order,
  );
  return events.map(({ date, text, articleId }) => ({ date, text, articleId }));
}

/** "2020" sorts before "2020-01", which sorts before "2020-01-05". */
function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
