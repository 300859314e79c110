/** From an analysed question to the sentences most likely to hold its answer. */
import type { Passage, QueryTerm, SentenceIndex } from "./bm25.js";
import type { Question } from "./question.js";

/** How many retrieved sentences answer spans are drawn from. */
export const ANSWER_SENTENCES = 3;

/** The question's terms, plus other spellings of the names it mentions ("Khalifa" → "Chalifa"). */
export function queryTerms(question: Question, index: SentenceIndex): QueryTerm[] {
  const names = new Set(question.tokens.filter((t, i) => i > 0 && t.capitalized).map((t) => t.stem));
  const out: QueryTerm[] = [];
  for (const term of new Set(question.terms)) {
    out.push({ term, weight: 1 });
    if (names.has(term) || index.documentFrequency(term) === 0) {
      for (const spelling of index.spellings(term)) out.push({ term: spelling, weight: 0.8 });
    }
  }
  return out;
}

/** The best sentences for a question, with their texts read. */
export function retrieve(
  question: Question,
  index: SentenceIndex,
  topicId?: string,
  limit = ANSWER_SENTENCES,
): Promise<Passage[]> {
  return index.passages(index.search(queryTerms(question, index), { topicId, limit }));
}
