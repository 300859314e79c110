/** The confidence calibration, fitted on the SQuAD 2.0 tuning split by eval/qa/fit-calibration.ts. */
import type { AnswerBasis } from "../core/reply.js";
import type { CalibrationCurve } from "./calibration.js";

export const CALIBRATION: Record<AnswerBasis, CalibrationCurve> = {
  span: {
    raw: [0.031, 0.09, 0.17, 0.224, 0.265, 0.306, 0.35, 0.401, 0.455, 0.524, 0.612, 0.772],
    right: [0.014, 0.043, 0.077, 0.114, 0.162, 0.197, 0.245, 0.349, 0.41, 0.519, 0.625, 0.857],
  },
  sentence: { raw: [0.118, 0.233, 0.327, 0.517], right: [0.05, 0.2, 0.425, 0.595] },
  rule: { raw: [0.214, 0.718], right: [0.275, 0.571] },
};
