import { describe, expect, it } from "vitest";
import { fitLogistic, logit, predictProbability, sigmoid } from "./logistic.js";

describe("fitLogistic", () => {
  it("with no features learns the log-odds of the base rate", () => {
    const X = [[], [], [], []];
    const fit = fitLogistic(X, [1, 0, 0, 0], { lambda: 0 });
    expect(fit.intercept).toBeCloseTo(Math.log(1 / 3), 8);
    expect(fit.converged).toBe(true);
  });

  it("recovers the closed-form solution of a two-group table", () => {
    // x = −1: 1 win in 4; x = +1: 3 wins in 4 → β0 = 0, β1 = ln 3
    const X = [[-1], [-1], [-1], [-1], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const fit = fitLogistic(X, y, { lambda: 0 });
    expect(fit.intercept).toBeCloseTo(0, 8);
    expect(fit.weights[0]).toBeCloseTo(Math.log(3), 8);
    expect(predictProbability(fit, [1])).toBeCloseTo(0.75, 8);
  });

  it("shrinks weights as the penalty grows, leaving the intercept free", () => {
    const X = [[-1], [-1], [-1], [-1], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 1];
    const small = fitLogistic(X, y, { lambda: 0.01 });
    const large = fitLogistic(X, y, { lambda: 10 });
    expect(Math.abs(large.weights[0]!)).toBeLessThan(Math.abs(small.weights[0]!));
    expect(large.weights[0]!).toBeGreaterThan(0);
    // with β1 ≈ 0 the intercept approaches the base rate's log-odds (5 of 8)
    expect(large.intercept).toBeCloseTo(logit(5 / 8), 1);
  });

  it("treats a sample weight of 2 as a duplicated row", () => {
    const X = [[0.5], [1.5], [-1], [2], [0]];
    const y = [1, 0, 0, 1, 1];
    const weighted = fitLogistic(X, y, { lambda: 0.1, sampleWeights: [2, 1, 1, 1, 1] });
    const duplicated = fitLogistic([[0.5], ...X], [1, ...y], { lambda: 0.1 });
    expect(weighted.intercept).toBeCloseTo(duplicated.intercept, 8);
    expect(weighted.weights[0]).toBeCloseTo(duplicated.weights[0]!, 8);
  });

  it("stays finite on perfectly separable data when penalised", () => {
    const fit = fitLogistic([[-2], [-1], [1], [2]], [0, 0, 1, 1], { lambda: 0.01 });
    expect(Number.isFinite(fit.weights[0])).toBe(true);
    expect(sigmoid(fit.intercept + 2 * fit.weights[0]!)).toBeGreaterThan(0.9);
  });
});
