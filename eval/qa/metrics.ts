/** The official SQuAD answer normalization and EM/F1 (evaluate-v1.1.py), in TypeScript. */

export function normalizeAnswer(s: string): string {
  return s
    .toLowerCase()
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, "")
    .replace(/\b(a|an|the)\b/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

export function exactMatch(prediction: string, truth: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(truth) ? 1 : 0;
}

export function f1Score(prediction: string, truth: string): number {
  const p = normalizeAnswer(prediction).split(" ").filter(Boolean);
  const t = normalizeAnswer(truth).split(" ").filter(Boolean);
  const counts = new Map<string, number>();
  for (const w of t) counts.set(w, (counts.get(w) ?? 0) + 1);
  let same = 0;
  for (const w of p) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      same++;
      counts.set(w, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / t.length;
  return (2 * precision * recall) / (precision + recall);
}

/** The best score of a prediction against any of the reference answers. */
export function bestOver(
  metric: (p: string, t: string) => number,
  prediction: string,
  truths: string[],
): number {
  return truths.length === 0 ? 0 : Math.max(...truths.map((t) => metric(prediction, t)));
}

/**
 * Whether an answer would serve its reader: it matches a reference answer at F1 ≥ 0.5, or quotes one
 * whole (an evidence sentence holding the answer). An answer to an unanswerable question is never right.
 */
export function answerIsRight(answer: string | null, truths: string[]): boolean {
  if (!answer || truths.length === 0) return false;
  if (bestOver(f1Score, answer, truths) >= 0.5) return true;
  const said = ` ${normalizeAnswer(answer)} `;
  return truths.some((t) => normalizeAnswer(t) !== "" && said.includes(` ${normalizeAnswer(t)} `));
}

export interface Reliability {
  answers: number;
  meanConfidence: number;
  right: number;
  /** Expected calibration error: the answer-weighted gap between confidence and share right, by tenths. */
  ece: number;
  /** By tenths of confidence: how many answers, their mean confidence and the share right (percent). */
  bins: { from: number; answers: number; meanConfidence: number; right: number }[];
}

/** How well confidences match the share of right answers. */
export function reliabilityOf(rows: { confidence: number; right: boolean }[]): Reliability {
  const bins = Array.from({ length: 10 }, (_, k) => ({ from: k / 10, n: 0, c: 0, r: 0 }));
  for (const { confidence, right } of rows) {
    const bin = bins[Math.min(9, Math.max(0, Math.floor(confidence * 10)))] as (typeof bins)[number];
    bin.n++;
    bin.c += confidence;
    bin.r += right ? 1 : 0;
  }
  const n = Math.max(1, rows.length);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    answers: rows.length,
    meanConfidence: round(rows.reduce((s, r) => s + r.confidence, 0) / n),
    right: Math.round((1000 * rows.filter((r) => r.right).length) / n) / 10,
    ece: round(bins.reduce((s, b) => s + Math.abs(b.c - b.r), 0) / n),
    bins: bins
      .filter((b) => b.n > 0)
      .map((b) => ({
        from: b.from,
        answers: b.n,
        meanConfidence: round(b.c / b.n),
        right: Math.round((1000 * b.r) / b.n) / 10,
      })),
  };
}
