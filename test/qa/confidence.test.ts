import { describe, expect, it } from "vitest";
import { CONFIDENCE_FEATURES, confidenceFromFeatures } from "../../src/qa/confidence.js";
import { CONFIDENCE_MODEL } from "../../src/qa/confidence-model.js";
import { predict, type TreeModel } from "../../src/qa/trees.js";

const zeros = () =>
  Object.fromEntries(CONFIDENCE_FEATURES.map((k) => [k, 0])) as Record<
    (typeof CONFIDENCE_FEATURES)[number],
    number
  >;

describe("confidence model", () => {
  it("was fitted on the features the engine computes, in the same order", () => {
    expect([...CONFIDENCE_MODEL.features]).toEqual([...CONFIDENCE_FEATURES]);
    const used = new Set(CONFIDENCE_MODEL.trees.flatMap((t) => t.filter((n) => n[0] >= 0).map((n) => n[0])));
    for (const f of used) expect(f).toBeLessThan(CONFIDENCE_FEATURES.length);
  });

  it("reads a question the evidence fully covers as surer than one whose words are missing", () => {
    const covered = {
      ...zeros(),
      coverage: 1,
      windowCoverage: 1,
      answerCoverage: 1,
      probability: 0.9,
      regionMass: 0.95,
      sentenceMass: 1,
      margin: 0.8,
      pairsFound: 1,
      orderKept: 1,
      typeFit: 1,
      questionTerms: 3,
    };
    const missing = {
      ...covered,
      coverage: 0.2,
      windowCoverage: 0.2,
      answerCoverage: 0.2,
      missingRare: 0.8,
      answerMissingTop: 1,
      answerNameMissing: 1,
      probability: 0.1,
      regionMass: 0.15,
      margin: 0,
    };
    const sure = confidenceFromFeatures(covered);
    const unsure = confidenceFromFeatures(missing);
    expect(sure).toBeGreaterThan(unsure);
    for (const c of [sure, unsure]) {
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThan(1);
    }
  });
});

describe("boosted trees", () => {
  const model: TreeModel = {
    features: ["a", "b"],
    base: 0,
    trees: [
      [
        [0, 0.5, 1, 2],
        [-1, -1],
        [1, 2, 3, 4],
        [-1, 0.5],
        [-1, 2],
      ],
    ],
  };

  it("follows each row to its leaf and squashes the sum", () => {
    expect(predict(model, [0, 9])).toBeCloseTo(1 / (1 + Math.exp(1)));
    expect(predict(model, [1, 1])).toBeCloseTo(1 / (1 + Math.exp(-0.5)));
    expect(predict(model, [1, 2])).toBeCloseTo(1 / (1 + Math.exp(-2)));
  });
});
