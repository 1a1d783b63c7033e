import { describe, expect, it } from "vitest";
import { binOf, fitCategorical, fitNumeric, makeCategoryCoder, meanAndSd, quantile, standardize } from "./encoder.js";
import { encodeDesign, featureMeans, linearLayout } from "./linear-design.js";
import type { ColumnSpec } from "./model-file.js";

const numericColumn = (name = "x") => ({ name, index: 0, kind: "numeric" as const, missing: 0 });

describe("numeric columns", () => {
  it("standardises with the training mean and sample standard deviation; missing becomes the mean", () => {
    expect(meanAndSd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sd: Math.sqrt(32 / 7) });
    const spec = fitNumeric(numericColumn(), ["1", "2", "3", "4", "5"], { knots: 0 });
    expect(spec).toMatchObject({ mean: 3, log: false, missingIndicator: false });
    expect(spec.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(standardize(spec, 5)).toBeCloseTo(2 / Math.sqrt(2.5), 12);
    expect(standardize(spec, NaN)).toBe(0);
  });

  it("takes the log of a heavily skewed non-negative column and flags missing values", () => {
    const cells = [...Array.from({ length: 95 }, () => "1"), "1000", "2000", "5000", "9000", ""];
    const spec = fitNumeric(numericColumn(), cells);
    expect(spec.log).toBe(true);
    expect(spec.missingIndicator).toBe(true);
  });

  it("clips to the training range before standardising", () => {
    const spec = fitNumeric(numericColumn(), ["0", "1", "2", "3", "4"], { knots: 0 });
    expect(standardize(spec, 1e9)).toBe(standardize(spec, 4));
  });

  it("quantiles and bins: edges are inclusive on the left", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(binOf([10, 20], 5)).toBe(0);
    expect(binOf([10, 20], 10)).toBe(1);
    expect(binOf([10, 20], 25)).toBe(2);
  });

  it("gives few-valued columns one bin per value, split at midpoints", () => {
    const spec = fitNumeric(numericColumn(), ["0", "0", "1", "3", "3", "999"], { knots: 8 });
    expect(spec.knots).toEqual([0.5, 2, 501]);
  });
});

describe("categorical columns", () => {
  const cells = ["Web", "web ", "Referral", "Event", "Web", "Referral", "Fax", ""];
  const { spec, warning } = fitCategorical({ name: "source", index: 0, kind: "categorical", missing: 1 }, cells, { minCategoryCount: 2 });

  it("keeps frequent levels (case and spaces ignored), groups rare ones as other and notes missing", () => {
    expect(spec.levels).toEqual(["web", "referral"]);
    expect(spec.labels).toEqual(["Web", "Referral"]);
    expect(spec).toMatchObject({ other: true, missing: true });
    expect(warning).toContain("2 rare categories");
  });

  it("codes an unseen category as other, not as an error", () => {
    const code = makeCategoryCoder(spec);
    expect([code("WEB"), code("referral"), code("Event"), code("Carrier pigeon"), code(""), code("NA")]).toEqual([0, 1, 2, 2, 3, 3]);
  });

  it("caps the number of levels", () => {
    const many = Array.from({ length: 200 }, (_, i) => `c${i % 40}`);
    const capped = fitCategorical({ name: "c", index: 0, kind: "categorical", missing: 0 }, many, { maxLevels: 10, minCategoryCount: 1 });
    expect(capped.spec.levels).toHaveLength(10);
    expect(capped.spec.other).toBe(true);
  });
});

describe("one-hot design", () => {
  const columns: ColumnSpec[] = [
    { name: "n", kind: "numeric", clip: [0, 10], log: false, mean: 5, sd: 2, missingIndicator: true, knots: [], treeEdges: [] },
    { name: "c", kind: "categorical", levels: ["a", "b"], labels: ["A", "B"], other: false, missing: false },
  ];
  const layout = linearLayout(columns);

  it("names every feature and lays out slots per column", () => {
    expect(layout.names).toEqual(["n", "n missing", "c=A", "c=B"]);
    expect(layout.width).toBe(3);
    expect(Array.from(layout.slotColumns)).toEqual([0, 0, 1]);
    expect(layout.ranges).toEqual([[0, 2], [2, 4]]);
  });

  it("encodes values, missing flags and levels; an unseen level with no 'other' is all zeros", () => {
    const d = encodeDesign(layout, [["9", "b"], ["", "a"], ["5", "zzz"]], [0, 1]);
    expect(Array.from(d.index)).toEqual([0, 1, 3, 0, 1, 2, 0, 1, 2]);
    expect(Array.from(d.value)).toEqual([2, 0, 1, 0, 1, 1, 0, 0, 0]);
    expect(Array.from(featureMeans(d))).toEqual([2 / 3, 1 / 3, 1 / 3, 1 / 3]);
  });
});
