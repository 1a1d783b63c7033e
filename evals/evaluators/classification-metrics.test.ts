import { describe, expect, it } from "vitest";
import { accuracy, confusions, perLabelMetrics, textTable } from "./classification-metrics.js";

const results = [
  { expected: "a", predicted: "a", text: "1" },
  { expected: "a", predicted: "b", text: "2" },
  { expected: "b", predicted: "b", text: "3" },
  { expected: "b", predicted: "b", text: "4" },
  { expected: "c", predicted: "b", text: "5" },
];

describe("classification metrics", () => {
  it("computes accuracy and per-label precision and recall", () => {
    expect(accuracy(results)).toBe(3 / 5);
    const [a, b, c] = perLabelMetrics(results, ["a", "b", "c"]);
    expect(a).toEqual({ label: "a", support: 2, precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(b).toMatchObject({ support: 2, precision: 2 / 4, recall: 1 });
    expect(c).toMatchObject({ support: 1, precision: 0, recall: 0, f1: 0 });
  });

  it("lists confusions, most frequent first, with examples", () => {
    expect(confusions(results)).toEqual([
      { expected: "a", predicted: "b", count: 1, examples: ["2"] },
      { expected: "c", predicted: "b", count: 1, examples: ["5"] },
    ]);
  });

  it("pads a text table", () => {
    expect(textTable(["k", "value"], [["ab", "1"]])).toBe("k   value\n--  -----\nab      1");
  });
});
