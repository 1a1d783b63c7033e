import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/random.js";
import { foldSplit, stratifiedFolds, stratifiedSplit } from "./cross-validation.js";

const labels = Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0));

describe("seeded stratified splits", () => {
  it("the same seed gives the same sequence and split", () => {
    expect(Array.from({ length: 3 }, seededRandom(5))).toEqual(Array.from({ length: 3 }, seededRandom(5)));
    expect(stratifiedSplit(labels, 0.2, 9)).toEqual(stratifiedSplit(labels, 0.2, 9));
    expect(stratifiedSplit(labels, 0.2, 9)).not.toEqual(stratifiedSplit(labels, 0.2, 10));
  });

  it("a hold-out split keeps each class's share and covers every row once", () => {
    const { train, test } = stratifiedSplit(labels, 0.2, 1);
    expect(train.length + test.length).toBe(103);
    expect(new Set([...train, ...test]).size).toBe(103);
    expect(test.filter((i) => labels[i] === 1)).toHaveLength(Math.round(26 * 0.2));
    expect(test.filter((i) => labels[i] === 0)).toHaveLength(Math.round(77 * 0.2));
  });

  it("k folds have equal class counts (±1) and equal sizes (±1)", () => {
    const fold = stratifiedFolds(labels, 5, 3);
    for (let k = 0; k < 5; k++) {
      const { test } = foldSplit(fold, k);
      expect(test.length).toBeGreaterThanOrEqual(20);
      expect(test.length).toBeLessThanOrEqual(21);
      const positives = test.filter((i) => labels[i] === 1).length;
      expect(positives).toBeGreaterThanOrEqual(5);
      expect(positives).toBeLessThanOrEqual(6);
    }
  });
});
