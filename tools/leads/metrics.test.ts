import { describe, expect, it } from "vitest";
import { binaryReport, brierScore, calibrationTable, expectedCalibrationError, liftAt, logLoss, prAuc, rocAuc } from "./metrics.js";

describe("ROC-AUC", () => {
  it("matches the textbook example", () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });

  it("counts tied scores between classes as one half", () => {
    // pairs (pos, neg): (0.5,0.5)=½, (0.5,0.2)=1, (0.9,0.5)=1, (0.9,0.2)=1 → 3.5/4
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 12);
    expect(rocAuc([0, 1, 1, 0], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it("is 1 for a perfect ranking, 0 for a reversed one and NaN with one class", () => {
    expect(rocAuc([0, 0, 1], [0.1, 0.2, 0.9])).toBe(1);
    expect(rocAuc([0, 0, 1], [0.9, 0.8, 0.1])).toBe(0);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });
});

describe("PR-AUC (average precision)", () => {
  it("matches the textbook example", () => {
    // thresholds 0.8 (P=1, R=½), 0.4, 0.35 (P=⅔, R=1): ½·1 + ½·⅔
    expect(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 12);
  });

  it("lets tied scores enter together", () => {
    // 0.5: R=½, P=½ → ¼;  0.2: R=1, P=⅔ → ½·⅔
    expect(prAuc([1, 0, 1], [0.5, 0.5, 0.2])).toBeCloseTo(0.25 + 1 / 3, 12);
  });
});

describe("probability errors", () => {
  it("log-loss is the mean negative log-likelihood, clipped", () => {
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
  });

  it("Brier score is the mean squared error", () => {
    expect(brierScore([1, 0], [0.8, 0.3])).toBeCloseTo((0.04 + 0.09) / 2, 12);
  });
});

describe("lift and calibration", () => {
  it("lift in the top decile is the top group's rate over the base rate", () => {
    const y = Array.from({ length: 20 }, (_, i) => (i === 0 || i === 5 || i === 10 || i === 15 ? 1 : 0));
    const p = Array.from({ length: 20 }, (_, i) => 1 - i / 20);
    // top 2 rows hold one positive: 0.5 / 0.2
    expect(liftAt(y, p, 0.1)).toBeCloseTo(2.5, 12);
  });

  it("puts predictions in equal-width bins with mean predicted and observed rate", () => {
    const table = calibrationTable([0, 1, 0, 1, 1], [0.05, 0.15, 0.12, 0.95, 1.0]);
    expect(table).toHaveLength(3);
    expect(table[0]).toMatchObject({ from: 0, to: 0.1, count: 1, observedRate: 0 });
    expect(table[0]!.meanPredicted).toBeCloseTo(0.05, 12);
    expect(table[1]).toMatchObject({ from: 0.1, count: 2, observedRate: 0.5 });
    expect(table[1]!.meanPredicted).toBeCloseTo(0.135, 12);
    expect(table[2]).toMatchObject({ from: 0.9, to: 1, count: 2, observedRate: 1 });
    expect(expectedCalibrationError(table)).toBeCloseTo((1 * 0.05 + 2 * 0.365 + 2 * 0.025) / 5, 12);
  });

  it("reports everything at once", () => {
    const r = binaryReport([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(r).toMatchObject({ rows: 4, positives: 2, baseRate: 0.5 });
    expect(r.rocAuc).toBeCloseTo(0.75, 12);
  });
});
