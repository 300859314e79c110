/**
 * Fitting boosted trees (src/qa/trees.ts) for a logistic loss with soft labels: each round fits a
 * shallow regression tree to the gradient on binned feature values and takes a Newton step per leaf.
 */
import { leafOf, type TreeModel, type TreeNode } from "../../src/qa/trees.js";

export interface BoostOptions {
  rounds: number;
  depth: number;
  rate: number;
  /** Fewest rows in a leaf. */
  minLeaf: number;
  bins: number;
}

/** The fitted model's settings; BOOST_ROUNDS, BOOST_DEPTH, BOOST_RATE and BOOST_MIN_LEAF try others. */
export const DEFAULT_BOOST: BoostOptions = {
  rounds: Number(process.env.BOOST_ROUNDS ?? 150),
  depth: Number(process.env.BOOST_DEPTH ?? 3),
  rate: Number(process.env.BOOST_RATE ?? 0.1),
  minLeaf: Number(process.env.BOOST_MIN_LEAF ?? 40),
  bins: 24,
};

/** Candidate thresholds per feature: the distinct quantiles of its values. */
function thresholdsOf(rows: number[][], feature: number, bins: number): number[] {
  const values = rows.map((r) => r[feature] as number).sort((a, b) => a - b);
  const out = new Set<number>();
  for (let b = 1; b < bins; b++) {
    const v = values[Math.floor((b * values.length) / bins)] as number;
    // A threshold sits between two distinct values; "below v" separates v from everything smaller.
    if (v > (values[0] as number)) out.add(v);
  }
  return [...out];
}

export function fitTrees(
  features: readonly string[],
  rows: number[][],
  labels: number[],
  options: BoostOptions = DEFAULT_BOOST,
): TreeModel {
  const n = rows.length;
  const mean = Math.min(0.99, Math.max(0.01, labels.reduce((a, b) => a + b, 0) / n));
  const base = Math.log(mean / (1 - mean));
  const z = rows.map(() => base);
  const thresholds = features.map((_, f) => thresholdsOf(rows, f, options.bins));
  const trees: TreeNode[][] = [];
  for (let round = 0; round < options.rounds; round++) {
    const p = z.map((v) => 1 / (1 + Math.exp(-v)));
    const g = labels.map((y, i) => y - (p[i] as number));
    const h = p.map((v) => Math.max(1e-6, v * (1 - v)));
    const tree: TreeNode[] = [];
    const grow = (members: number[], depth: number): number => {
      const at = tree.length;
      tree.push([-1, 0]);
      let sumG = 0;
      let sumH = 0;
      for (const i of members) {
        sumG += g[i] as number;
        sumH += h[i] as number;
      }
      let best: { gain: number; feature: number; threshold: number } | undefined;
      if (depth < options.depth && members.length >= 2 * options.minLeaf) {
        const parent = (sumG * sumG) / sumH;
        features.forEach((_, f) => {
          for (const t of thresholds[f] as number[]) {
            let lg = 0;
            let lh = 0;
            let ln = 0;
            for (const i of members) {
              if (((rows[i] as number[])[f] as number) < t) {
                lg += g[i] as number;
                lh += h[i] as number;
                ln++;
              }
            }
            if (ln < options.minLeaf || members.length - ln < options.minLeaf) continue;
            const rg = sumG - lg;
            const rh = sumH - lh;
            const gain = (lg * lg) / lh + (rg * rg) / rh - parent;
            if (!best || gain > best.gain) best = { gain, feature: f, threshold: t };
          }
        });
      }
      if (!best || best.gain <= 1e-9) {
        tree[at] = [-1, Number(((options.rate * sumG) / sumH).toFixed(4))];
        return at;
      }
      const { feature, threshold } = best;
      const left = members.filter((i) => ((rows[i] as number[])[feature] as number) < threshold);
      const right = members.filter((i) => ((rows[i] as number[])[feature] as number) >= threshold);
      const l = grow(left, depth + 1);
      const r = grow(right, depth + 1);
      tree[at] = [feature, threshold, l, r];
      return at;
    };
    grow(
      rows.map((_, i) => i),
      0,
    );
    trees.push(tree);
    rows.forEach((x, i) => {
      z[i] = (z[i] as number) + leafOf(tree, x);
    });
  }
  return { features, base: Number(base.toFixed(4)), trees };
}
