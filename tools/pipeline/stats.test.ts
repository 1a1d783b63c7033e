import { describe, expect, it } from "vitest";
import { createRandom } from "./random.js";
import { mean, median, quantile, standardDeviation } from "./stats.js";

describe("descriptive statistics", () => {
  it("interpolates quantiles between order statistics", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.9)).toBeCloseTo(46, 12);
    expect(quantile([7], 0.1)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("computes the mean and the sample standard deviation", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 8);
  });
});

describe("seeded random numbers", () => {
  it("repeats a sequence for one seed and differs across seeds", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xs = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});
