/**
 * ROUGE as Google's rouge-score computes it: lower-cased text, runs of anything but [a-z0-9]
 * as separators, Porter stemming of tokens longer than three characters, F1 of n-gram overlap,
 * and ROUGE-Lsum as the union LCS over newline-separated summary sentences.
 */
import { stemmer } from "stemmer";

export interface RougeScore {
  rouge1: number;
  rouge2: number;
  rougeL: number;
  rougeLsum: number;
}

const cache = new Map<string, string>();

function stemToken(token: string): string {
  let s = cache.get(token);
  if (s === undefined) {
    s = stemmer(token);
    cache.set(token, s);
  }
  return s;
}

export function rougeTokens(text: string, stem = true): string[] {
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((t) => t.length > 0);
  return stem ? tokens.map((t) => (t.length > 3 ? stemToken(t) : t)) : tokens;
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(" ");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function f1(overlap: number, predicted: number, target: number): number {
  if (predicted === 0 || target === 0 || overlap === 0) return 0;
  const precision = overlap / predicted;
  const recall = overlap / target;
  return (2 * precision * recall) / (precision + recall);
}

function rougeN(prediction: string[], target: string[], n: number): number {
  const p = ngrams(prediction, n);
  const t = ngrams(target, n);
  let overlap = 0;
  for (const [gram, count] of t) overlap += Math.min(count, p.get(gram) ?? 0);
  let predicted = 0;
  for (const c of p.values()) predicted += c;
  let targeted = 0;
  for (const c of t.values()) targeted += c;
  return f1(overlap, predicted, targeted);
}

/** LCS length table, row by row. */
function lcsTable(a: string[], b: string[]): number[][] {
  const table: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = 1; i <= a.length; i++) {
    const row = table[i] as number[];
    const prev = table[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      row[j] =
        a[i - 1] === b[j - 1]
          ? (prev[j - 1] as number) + 1
          : Math.max(prev[j] as number, row[j - 1] as number);
    }
  }
  return table;
}

function rougeL(prediction: string[], target: string[]): number {
  if (prediction.length === 0 || target.length === 0) return 0;
  const table = lcsTable(target, prediction);
  const lcs = (table[target.length] as number[])[prediction.length] as number;
  return f1(lcs, prediction.length, target.length);
}

/** Indices of `candidate` tokens on one LCS path with `reference`. */
function lcsIndices(reference: string[], candidate: string[]): number[] {
  const table = lcsTable(reference, candidate);
  const out: number[] = [];
  let i = reference.length;
  let j = candidate.length;
  while (i > 0 && j > 0) {
    if (reference[i - 1] === candidate[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (((table[i - 1] as number[])[j] as number) > ((table[i] as number[])[j - 1] as number)) i--;
    else j--;
  }
  return out.reverse();
}

/** Summary-level LCS (ROUGE-Lsum), with each n-gram hit counted at most as often as it occurs. */
function rougeLsum(prediction: string[][], target: string[][]): number {
  const predTokens = prediction.flat();
  const targetTokens = target.flat();
  if (predTokens.length === 0 || targetTokens.length === 0) return 0;
  const predCounts = new Map<string, number>();
  for (const t of predTokens) predCounts.set(t, (predCounts.get(t) ?? 0) + 1);
  const targetCounts = new Map<string, number>();
  for (const t of targetTokens) targetCounts.set(t, (targetCounts.get(t) ?? 0) + 1);
  let hits = 0;
  for (const ref of target) {
    const union = new Set<number>();
    for (const cand of prediction) for (const i of lcsIndices(ref, cand)) union.add(i);
    for (const i of [...union].sort((a, b) => a - b)) {
      const token = ref[i] as string;
      const p = predCounts.get(token) ?? 0;
      const t = targetCounts.get(token) ?? 0;
      if (p > 0 && t > 0) {
        hits++;
        predCounts.set(token, p - 1);
        targetCounts.set(token, t - 1);
      }
    }
  }
  return f1(hits, predTokens.length, targetTokens.length);
}

/** Scores of one prediction against one reference; both given as lists of sentences. */
export function rouge(prediction: string[], reference: string[], stem = true): RougeScore {
  const p = prediction.map((s) => rougeTokens(s, stem));
  const t = reference.map((s) => rougeTokens(s, stem));
  const pf = p.flat();
  const tf = t.flat();
  return {
    rouge1: rougeN(pf, tf, 1),
    rouge2: rougeN(pf, tf, 2),
    rougeL: rougeL(pf, tf),
    rougeLsum: rougeLsum(p, t),
  };
}

/** Mean of per-document scores, in percent. */
export function meanScore(scores: RougeScore[]): RougeScore {
  const n = Math.max(scores.length, 1);
  const sum = (k: keyof RougeScore) => (100 * scores.reduce((s, x) => s + x[k], 0)) / n;
  return { rouge1: sum("rouge1"), rouge2: sum("rouge2"), rougeL: sum("rougeL"), rougeLsum: sum("rougeLsum") };
}
