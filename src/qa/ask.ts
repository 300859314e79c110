/**
 * Answering a question from stored sentences: retrieve with BM25, check how much of the question
 * the best sentence covers, and answer with that sentence — or abstain when the corpus does not
 * say, offering the closest sentence clearly labelled as related, never as the answer.
 */
import { contentTerms } from "../analysis/terms.js";
import type { AskResult, Evidence } from "../core/reply.js";
import type { Hit, SentenceIndex } from "./bm25.js";

/** Words that shape a question but are not what it is about. */
const QUESTION_WORDS = new Set(
  [
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "why",
    "how",
    "which",
    "did",
    "do",
    "doe",
    "is",
    "are",
    "was",
    "were",
  ].map((w) => w),
);

/** Below this share of the question's weight found in one sentence, the bot abstains. */
export const ABSTAIN_BELOW = 0.55;

export function questionTerms(question: string): string[] {
  return contentTerms(question).filter((t) => !QUESTION_WORDS.has(t));
}

export function evidenceOf(hit: Hit): Evidence {
  const a = hit.article;
  return {
    articleId: a.id,
    title: a.title,
    url: a.url,
    published: a.published,
    sentence: a.analysis.sentences[hit.sentenceIndex]?.text ?? "",
  };
}

/** Share of the question's idf weight that the hit matches: 1 when every term is in the sentence. */
function coverage(index: SentenceIndex, terms: string[], hit: Hit): number {
  const unique = [...new Set(terms)];
  const total = unique.reduce((sum, t) => sum + index.idf(t), 0);
  const found = hit.matched.reduce((sum, t) => sum + index.idf(t), 0);
  return total > 0 ? found / total : 0;
}

export function answerQuestion(index: SentenceIndex, question: string): AskResult {
  const terms = questionTerms(question);
  const abstain = (related?: Hit): AskResult => ({
    question,
    answer: null,
    abstained: true,
    confidence: related ? Math.round(coverage(index, terms, related) * 100) / 100 : 0,
    ...(related ? { related: evidenceOf(related) } : {}),
    evidence: [],
  });
  if (terms.length === 0 || index.size === 0) return abstain();
  const hits = index.search(terms, 5).filter((h) => !h.article.analysis.sentences[h.sentenceIndex]?.heading);
  const best = hits[0];
  if (!best) return abstain();
  const confidence = coverage(index, terms, best);
  if (confidence < ABSTAIN_BELOW) return abstain(best);
  const evidence = evidenceOf(best);
  return {
    question,
    answer: evidence.sentence,
    abstained: false,
    confidence: Math.round(confidence * 100) / 100,
    answerKind: "sentence",
    evidence: [evidence],
  };
}
