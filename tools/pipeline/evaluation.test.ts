import { describe, expect, it } from "vitest";
import { evaluateProbabilities } from "./evaluation.js";

describe("probability evaluation", () => {
  it("reports AUC, Brier against the base-rate baseline and calibration bins on a known case", () => {
    const y = [0, 0, 1, 1];
    const p = [0.1, 0.4, 0.35, 0.8];
    const r = evaluateProbabilities(y, p, 0.5, 2);
    expect(r.auc).toBeCloseTo(0.75, 12);
    expect(r.brier).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 12);
    expect(r.baselineBrier).toBeCloseTo(0.25, 12);
    expect(r.brierSkill).toBeCloseTo(1 - r.brier / 0.25, 12);
    // bins [0, .5): 0.1, 0.4, 0.35 → mean .2833, observed 1/3; [.5, 1]: 0.8 → observed 1
    expect(r.calibration).toHaveLength(2);
    expect(r.calibration[0]).toMatchObject({ count: 3 });
    expect(r.calibration[0]!.meanPredicted).toBeCloseTo(0.85 / 3, 12);
    expect(r.calibration[0]!.observedRate).toBeCloseTo(1 / 3, 12);
    expect(r.calibration[1]).toMatchObject({ count: 1, meanPredicted: 0.8, observedRate: 1 });
    expect(r.calibrationError).toBeCloseTo((3 / 4) * Math.abs(0.85 / 3 - 1 / 3) + (1 / 4) * 0.2, 12);
  });

  it("gives a perfectly calibrated constant forecast zero calibration error and AUC one half", () => {
    const r = evaluateProbabilities([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5], 0.5);
    expect(r.auc).toBe(0.5);
    expect(r.calibrationError).toBe(0);
    expect(r.brierSkill).toBe(0);
  });
});
