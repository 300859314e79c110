/** Choosing the answer span: score every candidate of the retrieved sentences with the linear model. */
import type { Passage, QueryTerm, SentenceIndex } from "./bm25.js";
import type { Question } from "./question.js";
import { type Candidate, candidatesOf, type SentenceView, scoreOf, viewSentences } from "./spans.js";
import { SPAN_WEIGHTS } from "./weights.js";

let weights = new Map(Object.entries(SPAN_WEIGHTS));

/** Replace the span weights (used while fitting them). */
export function useWeights(next: ReadonlyMap<string, number>): void {
  weights = new Map(next);
}

export interface Ranked {
  views: SentenceView[];
  candidates: Candidate[];
  scores: number[];
  /** Softmax probabilities over the candidates. */
  probabilities: number[];
  best: number;
}

export function rankCandidates(
  question: Question,
  hits: Passage[],
  index: SentenceIndex,
  query: QueryTerm[] = [],
  topicId?: string,
): Ranked {
  const views = viewSentences(question, hits, index, query, topicId);
  const candidates = candidatesOf(question, views);
  const scores = candidates.map((c) => scoreOf(c, weights));
  let best = -1;
  let max = Number.NEGATIVE_INFINITY;
  scores.forEach((s, i) => {
    if (s > max) {
      max = s;
      best = i;
    }
  });
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0) || 1;
  return { views, candidates, scores, probabilities: exps.map((e) => e / sum), best };
}
