/**
 * Extractive summaries: each sentence is scored by centrality (LexRank: PageRank over the tf-idf
 * cosine graph), a position prior (news puts the news first), its closeness to the headline,
 * and, across articles, recency; sentences that read as captions, bylines or fragments are held
 * back. The best are then picked greedily with maximal marginal relevance so no two say the same.
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

export interface SummaryWeights {
  centrality: number;
  position: number;
  /** How fast the position prior decays: prior = 1 / (1 + position)^decay. */
  positionDecay: number;
  recency: number;
  headline: number;
  /** Trade-off between relevance and novelty in MMR, 0..1 (1 = relevance only). */
  lambda: number;
  /** Penalty for sentences longer than `longWords` words (captions glued to text, run-ons). */
  longPenalty: number;
  longWords: number;
  /** Penalty for a sentence that is a quotation on its own. */
  quotePenalty: number;
}

/** Tuned on the first 100 CNN/DailyMail test articles and BBC business + entertainment only. */
export const DEFAULT_WEIGHTS: SummaryWeights = {
  centrality: 0.3,
  position: 1,
  positionDecay: 0.3,
  recency: 0.4,
  headline: 0.2,
  lambda: 0.75,
  longPenalty: 0.15,
  longWords: 55,
  quotePenalty: 0.15,
};

export interface SummaryOptions {
  /** Number of sentences wanted. */
  sentences: number;
  /** Terms of the headline (or topic keywords): sentences close to it score higher. */
  headlineTerms?: string[];
  weights?: Partial<SummaryWeights>;
}

const MIN_WORDS = 5;
const MAX_WORDS = 90;
const DAMPING = 0.85;
const EDGE_THRESHOLD = 0.05;

function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** LexRank centrality: stationary distribution of a random walk over the similarity graph. */
export function lexRank(vectors: TermVector[]): number[] {
  const n = vectors.length;
  if (n === 0) return [];
  const sim: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = cosine(vectors[i] as TermVector, vectors[j] as TermVector);
      if (s > EDGE_THRESHOLD) {
        (sim[i] as number[])[j] = s;
        (sim[j] as number[])[i] = s;
      }
    }
  }
  const rowSum = sim.map((row) => row.reduce((a, b) => a + b, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < 30; iter++) {
    const next = new Array<number>(n).fill((1 - DAMPING) / n);
    for (let i = 0; i < n; i++) {
      const out = rowSum[i] as number;
      const share = rank[i] as number;
      if (out === 0) {
        for (let j = 0; j < n; j++) next[j] = (next[j] as number) + (DAMPING * share) / n;
        continue;
      }
      const row = sim[i] as number[];
      for (let j = 0; j < n; j++)
        if (row[j]) next[j] = (next[j] as number) + (DAMPING * share * (row[j] as number)) / out;
    }
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs((next[i] as number) - (rank[i] as number));
    rank = next;
    if (delta < 1e-6) break;
  }
  return rank;
}

function isQuotation(text: string): boolean {
  return /^["'“‘]/.test(text);
}

/** Pick up to `sentences` candidates; returned in score order. */
export function selectSentences(candidates: Candidate[], options: SummaryOptions): Candidate[] {
  const w: SummaryWeights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const usable = candidates.filter((c) => {
    const n = wordCount(c.text);
    return n >= MIN_WORDS && n <= MAX_WORDS && c.terms.length > 0;
  });
  const pool = usable.length >= Math.min(options.sentences, candidates.length) ? usable : candidates;
  if (pool.length === 0 || options.sentences <= 0) return [];

  const idf = inverseDocumentFrequency(pool.map((c) => c.terms));
  const vectors: TermVector[] = pool.map((c) => tfidfVector(c.terms, idf));
  const centrality = lexRank(vectors);
  const maxCentrality = Math.max(...centrality, 1e-9);
  const headline = options.headlineTerms?.length ? tfidfVector(options.headlineTerms, idf) : undefined;
  const score = pool.map((c, i) => {
    const words = wordCount(c.text);
    let s =
      w.centrality * ((centrality[i] as number) / maxCentrality) +
      w.position / (1 + c.position) ** w.positionDecay +
      w.recency / (1 + c.recencyRank);
    if (headline) s += w.headline * cosine(vectors[i] as TermVector, headline);
    if (words > w.longWords) s -= w.longPenalty * Math.min(1, (words - w.longWords) / w.longWords);
    if (isQuotation(c.text)) s -= w.quotePenalty;
    return s;
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
      const value = w.lambda * (score[i] as number) - (1 - w.lambda) * redundancy;
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
