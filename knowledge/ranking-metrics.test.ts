import { describe, expect, it } from "vitest";
import { distinctRank, meanReciprocalRank, overlapRecall, quantile, recallAtK } from "./ranking-metrics.js";

describe("ranking metrics", () => {
  it("ranks among distinct items", () => {
    expect(distinctRank(["a", "a", "b", "c"], "b")).toBe(2);
    expect(distinctRank(["a", "b"], "z")).toBeUndefined();
  });

  it("computes recall@k and MRR on known ranks", () => {
    const ranks = [1, 3, undefined, 6];
    expect(recallAtK(ranks, 1)).toBe(0.25);
    expect(recallAtK(ranks, 5)).toBe(0.5);
    expect(meanReciprocalRank(ranks)).toBeCloseTo((1 + 1 / 3 + 0 + 1 / 6) / 4, 12);
    expect(recallAtK([], 5)).toBe(0);
  });

  it("measures approximate against exact neighbours, and nearest-rank quantiles", () => {
    expect(overlapRecall([1, 2, 9, 4], [1, 2, 3, 4])).toBe(0.75);
    expect(overlapRecall([], [])).toBe(1);
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99)).toBe(10);
  });
});
