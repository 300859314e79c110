/** The confidence calibration, fitted on the SQuAD 2.0 tuning split by eval/qa/fit-calibration.ts. */
import type { AnswerBasis } from "../core/reply.js";
import type { CalibrationCurve } from "./calibration.js";

export const CALIBRATION: Record<AnswerBasis, CalibrationCurve> = {
  span: {
    raw: [0.031, 0.089, 0.17, 0.223, 0.265, 0.306, 0.35, 0.401, 0.456, 0.525, 0.614, 0.774],
    right: [0.014, 0.045, 0.075, 0.116, 0.162, 0.195, 0.25, 0.349, 0.402, 0.525, 0.627, 0.859],
  },
  sentence: { raw: [0.11, 0.229, 0.321, 0.511], right: [0.05, 0.2, 0.375, 0.615] },
  rule: { raw: [0.241, 0.738], right: [0.35, 0.586] },
};
