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
