import { describe, expect, it } from "vitest";
import type { Design } from "./linear-design.js";
import { fitLogistic, predictLogistic, sigmoid } from "./logistic-regression.js";

function denseDesign(x: number[][]): Design {
  const width = x[0]!.length;
  return {
    rows: x.length,
    width,
    features: width,
    index: Int32Array.from(x.flatMap(() => Array.from({ length: width }, (_, j) => j))),
    value: Float64Array.from(x.flat()),
  };
}

// hours studied vs passing an exam (Wikipedia, "Logistic regression"): MLE intercept −4.0777, slope 1.5046
const HOURS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 4, 4.25, 4.5, 4.75, 5, 5.5];
const PASS = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];

describe("logistic regression", () => {
  it("finds the published maximum-likelihood solution without a penalty", () => {
    const fit = fitLogistic(denseDesign(HOURS.map((h) => [h])), PASS, { lambda: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-4.0777, 3);
    expect(fit.weights[0]).toBeCloseTo(1.5046, 3);
  });

  it("recovers group log-odds exactly for a binary feature", () => {
    // x=0: 1 of 4 convert (logit −ln 3); x=1: 3 of 4 (logit +ln 3)
    const x = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const fit = fitLogistic(denseDesign(x), [1, 0, 0, 0, 1, 1, 1, 0], { lambda: 0, tolerance: 1e-12 });
    expect(fit.intercept).toBeCloseTo(-Math.log(3), 8);
    expect(fit.weights[0]).toBeCloseTo(2 * Math.log(3), 8);
  });

  it("with a penalty, solves mean log-loss + λ/2‖w‖² (stationarity) and leaves the intercept free", () => {
    const design = denseDesign(HOURS.map((h) => [h, h * h]));
    const lambda = 0.05;
    const fit = fitLogistic(design, PASS, { lambda, tolerance: 1e-10 });
    const p = predictLogistic(design, fit);
    const n = HOURS.length;
    const g0 = p.reduce((s, pi, i) => s + (pi - PASS[i]!), 0) / n;
    const g1 = p.reduce((s, pi, i) => s + (pi - PASS[i]!) * HOURS[i]!, 0) / n + lambda * fit.weights[0]!;
    const g2 = p.reduce((s, pi, i) => s + (pi - PASS[i]!) * HOURS[i]! ** 2, 0) / n + lambda * fit.weights[1]!;
    expect(Math.max(Math.abs(g0), Math.abs(g1), Math.abs(g2))).toBeLessThan(1e-8);
  });

  it("shrinks weights to zero under a huge penalty, with the intercept at the base rate's log-odds", () => {
    const fit = fitLogistic(denseDesign(HOURS.map((h) => [h])), PASS, { lambda: 1e6 });
    expect(Math.abs(fit.weights[0]!)).toBeLessThan(1e-5);
    expect(sigmoid(fit.intercept)).toBeCloseTo(10 / 20, 5);
  });

  it("reaches the same optimum when the Hessian is estimated on a subsample", () => {
    const design = denseDesign(HOURS.map((h) => [h]));
    const full = fitLogistic(design, PASS, { lambda: 0.01, tolerance: 1e-10 });
    const sub = fitLogistic(design, PASS, { lambda: 0.01, tolerance: 1e-10, hessianRows: 5 });
    expect(sub.intercept).toBeCloseTo(full.intercept, 7);
    expect(sub.weights[0]).toBeCloseTo(full.weights[0]!, 7);
  });
});
