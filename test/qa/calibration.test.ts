import { describe, expect, it } from "vitest";
import { fitCurve } from "../../eval/qa/isotonic.js";
import { calibrate } from "../../src/qa/calibration.js";
import { CALIBRATION } from "../../src/qa/calibration-table.js";

describe("confidence calibration", () => {
  const curve = { raw: [0.2, 0.4, 0.8], right: [0.1, 0.3, 0.9] };

  it("reads the share of right answers between knots and holds it flat beyond the ends", () => {
    expect(calibrate(0.3, curve)).toBeCloseTo(0.2);
    expect(calibrate(0.6, curve)).toBeCloseTo(0.6);
    expect(calibrate(0.05, curve)).toBe(0.1);
    expect(calibrate(1, curve)).toBe(0.9);
    expect(calibrate(0.4, curve)).toBeCloseTo(0.3);
  });

  it("has fitted maps that rise with the raw score and stay within 0 and 1", () => {
    for (const { raw, right } of Object.values(CALIBRATION)) {
      expect(raw.length).toBeGreaterThan(1);
      expect(right).toHaveLength(raw.length);
      for (let k = 1; k < raw.length; k++) {
        expect(raw[k]).toBeGreaterThan(raw[k - 1] as number);
        expect(right[k]).toBeGreaterThanOrEqual(right[k - 1] as number);
      }
      for (const y of right) expect(y >= 0 && y <= 1).toBe(true);
    }
  });

  it("fits a monotone map that pools scores whose shares fall as the score rises", () => {
    // Low scores right 1 time in 5, the middle ones (against the trend) never, high ones always.
    const rows = [
      ...Array.from({ length: 100 }, (_, k) => ({ raw: 0.1 + k / 1000, right: k % 5 === 0 })),
      ...Array.from({ length: 100 }, (_, k) => ({ raw: 0.4 + k / 1000, right: false })),
      ...Array.from({ length: 100 }, (_, k) => ({ raw: 0.8 + k / 1000, right: true })),
    ];
    const fitted = fitCurve(rows);
    for (let k = 1; k < fitted.right.length; k++)
      expect(fitted.right[k]).toBeGreaterThan(fitted.right[k - 1] as number);
    expect(calibrate(0.15, fitted)).toBeCloseTo(0.1, 2);
    expect(calibrate(0.85, fitted)).toBe(1);
    expect(fitted.right[0]).toBeGreaterThan(0);
  });
});
