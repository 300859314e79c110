/**
 * A monotone map from a raw score to the share of right answers (isotonic regression): rows sorted by
 * score are pooled into bins of equal size, adjacent bins whose shares fall as the score rises are
 * pooled until none do, and each pool's mean score and share become a knot.
 */
import type { CalibrationCurve } from "../../src/qa/calibration.js";

/** Fewer answers than this in a knot would make its share a guess. */
const MIN_BIN = 40;
const BINS = 12;

export interface ScoredAnswer {
  raw: number;
  right: boolean;
}

export function fitCurve(rows: ScoredAnswer[]): CalibrationCurve {
  const sorted = [...rows].sort((a, b) => a.raw - b.raw);
  const size = Math.max(MIN_BIN, Math.ceil(sorted.length / BINS));
  const pools: { n: number; raw: number; right: number }[] = [];
  for (let k = 0; k < sorted.length; k += size) {
    const bin = sorted.slice(k, k + size);
    // A short last bin joins the one before it.
    const into = bin.length < size / 2 ? pools[pools.length - 1] : undefined;
    const sums = { n: bin.length, raw: 0, right: 0 };
    for (const r of bin) {
      sums.raw += r.raw;
      sums.right += r.right ? 1 : 0;
    }
    if (into) {
      into.n += sums.n;
      into.raw += sums.raw;
      into.right += sums.right;
    } else pools.push(sums);
    for (let j = pools.length - 1; j > 0; j--) {
      const a = pools[j - 1] as (typeof pools)[number];
      const b = pools[j] as (typeof pools)[number];
      if (a.right / a.n < b.right / b.n) break;
      a.n += b.n;
      a.raw += b.raw;
      a.right += b.right;
      pools.splice(j, 1);
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { raw: pools.map((p) => round(p.raw / p.n)), right: pools.map((p) => round(p.right / p.n)) };
}
