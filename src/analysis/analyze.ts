/** The analysis of one article, done once at ingest and stored with it. */
import type { ArticleAnalysis, DatedEvent, Sentence } from "../core/model.js";
import { findDates } from "./dates.js";
import { extractEntities } from "./entities.js";
import { splitSentences } from "./sentences.js";
import { contentTerms } from "./terms.js";

/** Bumped when analysis changes, so stored articles can be re-analysed by a migration. */
export const ANALYSIS_VERSION = 1;

export function analyzeArticle(body: string, published: Date): ArticleAnalysis {
  const sentences: Sentence[] = splitSentences(body).map((s, index) => ({
    index,
    text: s.text,
    paragraph: s.paragraph,
    heading: s.heading,
    terms: contentTerms(s.text),
  }));
  const events: DatedEvent[] = [];
  for (const s of sentences) {
    if (s.heading) continue;
    for (const d of findDates(s.text, published))
      events.push({ date: d.date, sentenceIndex: s.index, phrase: d.phrase });
  }
  const entities = extractEntities(sentences.map((s) => s.text));
  return { version: ANALYSIS_VERSION, sentences, entities, events };
}
