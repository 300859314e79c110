/**
 * What a confidence means to the person reading it: the share of such answers that were right. The
 * engine's raw scores are not that. The span model's score is fitted to "answered here, and how well",
 * and a rule's score is how much of the question its sentence covers, so "Who is Wolfram Lacher?"
 * read 1.00. Each kind of answer gets its own map from raw score to the share of right answers,
 * fitted on the SQuAD 2.0 tuning split by eval/qa/fit-calibration.ts (calibration-table.ts).
 * Abstention still compares the raw score with its threshold; only what is shown is calibrated.
 */
import type { AnswerBasis } from "../core/reply.js";
import { CALIBRATION } from "./calibration-table.js";

/** Knots of a monotone map: raw scores, ascending, and the share of right answers at each. */
export interface CalibrationCurve {
  raw: number[];
  right: number[];
}

/** The share of right answers at a raw score: linear between knots, flat beyond the ends. */
export function calibrate(raw: number, curve: CalibrationCurve): number {
  const { raw: xs, right: ys } = curve;
  const n = xs.length;
  if (n === 0) return raw;
  if (raw <= (xs[0] as number)) return ys[0] as number;
  if (raw >= (xs[n - 1] as number)) return ys[n - 1] as number;
  let k = 1;
  while ((xs[k] as number) < raw) k++;
  const x0 = xs[k - 1] as number;
  const x1 = xs[k] as number;
  const y0 = ys[k - 1] as number;
  const y1 = ys[k] as number;
  return x1 === x0 ? y1 : y0 + ((y1 - y0) * (raw - x0)) / (x1 - x0);
}

export function calibrated(raw: number, basis: AnswerBasis): number {
  return calibrate(raw, CALIBRATION[basis]);
}
