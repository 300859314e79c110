/** The analysis of one article, done once at ingest and stored with it. */
import type { ArticleAnalysis, DatedEvent, Quantity, Sentence } from "../core/model.js";
import { findDates, monthSpans } from "./dates.js";
import { extractEntities } from "./entities.js";
import { findQuantities } from "./quantities.js";
import { splitSentences } from "./sentences.js";
import { findStances } from "./stances.js";
import { contentTerms } from "./terms.js";

/** Bumped when analysis changes, so stored articles are re-analysed once when the app opens the store. */
export const ANALYSIS_VERSION = 6;

/** Longest text analysed: beyond this (about 150 printed pages) the rest of an article is left out. */
export const MAX_ANALYSED_CHARS = 400_000;

export function analyzeArticle(body: string, published: Date): ArticleAnalysis {
  const text = body.length > MAX_ANALYSED_CHARS ? body.slice(0, MAX_ANALYSED_CHARS) : body;
  const sentences: Sentence[] = splitSentences(text).map((s, index) => ({
    index,
    text: s.text,
    paragraph: s.paragraph,
    heading: s.heading,
    terms: contentTerms(s.text),
  }));
  const spans = monthSpans(text);
  const events: DatedEvent[] = [];
  const quantities: Quantity[] = [];
  for (const s of sentences) {
    quantities.push(...findQuantities(s.text, s.index));
    if (s.heading) continue;
    for (const d of findDates(s.text, published, spans))
      events.push({ date: d.date, sentenceIndex: s.index, phrase: d.phrase });
  }
  const texts = sentences.map((s) => s.text);
  const entities = extractEntities(texts);
  const stances = findStances(
    sentences.map((s) => (s.heading ? "" : s.text)),
    { entities },
  );
  return { version: ANALYSIS_VERSION, sentences, entities, events, quantities, stances };
}
