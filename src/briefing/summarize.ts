/**
 * Extractive summaries: sentences scored by centrality (their similarity to the rest of the
 * text, as in LexRank), a position prior (news puts the news first) and recency across
 * articles, then picked greedily with maximal marginal relevance so that no two say the same.
 */
import { cosine, inverseDocumentFrequency, type TermVector, tfidfVector } from "./similarity.js";

export interface Candidate {
  text: string;
  terms: string[];
  /** Position of the sentence among its article's body sentences (0 = lead). */
  position: number;
  /** 0 for the newest article, growing with age. */
  recencyRank: number;
  /** Opaque caller data carried through (article id, sentence index). */
  ref: { articleId: string; sentenceIndex: number };
}

export interface SummaryOptions {
  /** Number of sentences wanted. */
  sentences: number;
  /** Weight of the position prior against centrality, 0..1. */
  positionWeight?: number;
  /** Weight of article recency, 0..1. */
  recencyWeight?: number;
  /** Trade-off between relevance and novelty in MMR, 0..1 (1 = relevance only). */
  lambda?: number;
}

const MIN_WORDS = 5;
const MAX_WORDS = 90;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Pick up to `sentences` candidates; returned in score order. */
export function selectSentences(candidates: Candidate[], options: SummaryOptions): Candidate[] {
  const positionWeight = options.positionWeight ?? 0.5;
  const recencyWeight = options.recencyWeight ?? 0.3;
  const lambda = options.lambda ?? 0.75;
  const usable = candidates.filter((c) => {
    const n = wordCount(c.text);
    return n >= MIN_WORDS && n <= MAX_WORDS && c.terms.length > 0;
  });
  const pool = usable.length >= Math.min(options.sentences, candidates.length) ? usable : candidates;
  if (pool.length === 0 || options.sentences <= 0) return [];

  const idf = inverseDocumentFrequency(pool.map((c) => c.terms));
  const vectors: TermVector[] = pool.map((c) => tfidfVector(c.terms, idf));
  const centrality = pool.map((_, i) => {
    let sum = 0;
    for (let j = 0; j < pool.length; j++)
      if (j !== i) sum += cosine(vectors[i] as TermVector, vectors[j] as TermVector);
    return sum;
  });
  const maxCentrality = Math.max(...centrality, 1e-9);
  const score = pool.map((c, i) => {
    const central = (centrality[i] as number) / maxCentrality;
    const positionPrior = 1 / (1 + c.position) ** 0.7;
    const recency = 1 / (1 + c.recencyRank);
    return (
      (1 - positionWeight - recencyWeight) * central +
      positionWeight * positionPrior +
      recencyWeight * recency
    );
  });

  const chosen: number[] = [];
  const remaining = new Set(pool.map((_, i) => i));
  while (chosen.length < options.sentences && remaining.size > 0) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const i of remaining) {
      let redundancy = 0;
      for (const j of chosen)
        redundancy = Math.max(redundancy, cosine(vectors[i] as TermVector, vectors[j] as TermVector));
      const value = lambda * (score[i] as number) - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    remaining.delete(best);
    // A near-copy of a chosen sentence adds nothing.
    if (chosen.some((j) => cosine(vectors[best] as TermVector, vectors[j] as TermVector) > 0.8)) continue;
    chosen.push(best);
  }
  return chosen.map((i) => pool[i] as Candidate);
}
