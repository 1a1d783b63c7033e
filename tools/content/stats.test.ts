import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.js";
import { holmAdjust, normalCdf, probabilityBest, probabilityToBeat, sampleSizePerArm, thompsonPick, twoProportionZTest, wilsonInterval } from "./stats.js";

describe("A/B statistics against hand-computed values", () => {
  it("computes the pooled two-proportion z-test: 100/1000 vs 130/1000 gives z 2.103, p 0.0355", () => {
    // pooled 0.115, se = sqrt(0.115 · 0.885 · 2/1000) = 0.014267, z = 0.03 / 0.014267
    const t = twoProportionZTest(100, 1000, 130, 1000);
    expect(t.z).toBeCloseTo(2.1027, 3);
    expect(t.p).toBeCloseTo(0.0355, 3);
    expect(twoProportionZTest(5, 50, 5, 50)).toEqual({ z: 0, p: 1 });
  });

  it("Holm-adjusts p-values in the input order: [0.01, 0.04, 0.03] → [0.03, 0.06, 0.06]", () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 10);
    expect(adjusted[1]).toBeCloseTo(0.06, 10);
    expect(adjusted[2]).toBeCloseTo(0.06, 10);
  });

  it("gives the exact Bayesian probability to beat: Beta(1,1) beats Beta(2,1) with 1/3, the reverse 2/3, equals 1/2", () => {
    expect(probabilityToBeat(2, 1, 1, 1)).toBeCloseTo(1 / 3, 8);
    expect(probabilityToBeat(1, 1, 2, 1)).toBeCloseTo(2 / 3, 8);
    expect(probabilityToBeat(4, 7, 4, 7)).toBeCloseTo(0.5, 8);
    // agrees with the normal approximation on large counts
    const exact = probabilityToBeat(1 + 100, 1 + 900, 1 + 130, 1 + 870);
    expect(exact).toBeGreaterThan(0.97);
    expect(exact).toBeLessThan(0.99);
  });

  it("computes the Wilson interval: 0/10 → [0, 0.2775]; 50/100 → [0.404, 0.596]", () => {
    const zero = wilsonInterval(0, 10);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 3);
    const half = wilsonInterval(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 3);
    expect(half.high).toBeCloseTo(0.5962, 3);
  });

  it("knows the normal CDF and the sample size for a 10% → 12% change (3,841 per arm)", () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(sampleSizePerArm(0.1, 0.2)).toBe(3841);
  });

  it("Thompson sampling sends almost everything to a clearly better arm and explores when unsure", () => {
    const random = seededRandom(3);
    const clear = Array.from({ length: 500 }, () => thompsonPick([{ successes: 300, trials: 1000 }, { successes: 100, trials: 1000 }], random));
    expect(clear.filter((i) => i === 0).length).toBe(500);
    const unsure = Array.from({ length: 1000 }, () => thompsonPick([{ successes: 1, trials: 3 }, { successes: 1, trials: 3 }], random));
    const share = unsure.filter((i) => i === 0).length / 1000;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    const best = probabilityBest([{ successes: 100, trials: 1000 }, { successes: 130, trials: 1000 }], seededRandom(1), 20_000);
    expect(best[1]).toBeCloseTo(probabilityToBeat(101, 901, 131, 871), 2);
  });
});
