/** From an analysed question to the sentences most likely to hold its answer. */
import type { Passage, QueryTerm, SentenceIndex } from "./bm25.js";
import type { Question } from "./question.js";

/** How many retrieved sentences answer spans are drawn from. */
export const ANSWER_SENTENCES = 3;

/**
 * A question with one word to search for ("When was the election held?") ranks sentences by little
 * more than their length, so the span model reads more of them ("Sunday's presidential election").
 */
const ONE_TERM_SENTENCES = 6;

export function answerSentencesFor(question: Question): number {
  return new Set(question.terms).size <= 1 ? ONE_TERM_SENTENCES : ANSWER_SENTENCES;
}

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

/**
 * The share of the question's words, at least two of them, that the briefings (of the topic, when
 * given) never use in any spelling, from which on a question is about something else: "Who won the
 * football world cup?" over election news shares only "won" with it.
 */
const UNSAID_SHARE = 0.75;

export function mostlyUnsaid(question: Question, index: SentenceIndex, topicId?: string): boolean {
  const terms = [...new Set(question.terms)];
  const said = (t: string) => index.documentFrequency(t, topicId) > 0;
  const unsaid = terms.filter((t) => !said(t) && !index.spellings(t).some(said)).length;
  return unsaid >= 2 && unsaid >= UNSAID_SHARE * terms.length;
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
