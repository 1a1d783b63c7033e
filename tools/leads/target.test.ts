import { describe, expect, it } from "vitest";
import { BadInputError } from "../../src/core/errors.js";
import { parseTarget } from "./target.js";

describe("target column", () => {
  it("reads 0/1, yes/no and won/lost with the conventional positive class", () => {
    expect(Array.from(parseTarget("y", ["0", "1", "1"]).y)).toEqual([0, 1, 1]);
    expect(parseTarget("y", ["no", "Yes", "yes"])).toMatchObject({ positive: "Yes", negative: "no" });
    expect(Array.from(parseTarget("stage", ["Won", "Lost", "lost"]).y)).toEqual([1, 0, 0]);
  });

  it("leaves out rows without a target and honours an explicit positive class", () => {
    const t = parseTarget("y", ["a", "", "b", "a"], "b");
    expect(t.kept).toEqual([0, 2, 3]);
    expect(Array.from(t.y)).toEqual([0, 1, 0]);
    expect(t.missing).toBe(1);
  });

  it("falls back to the rarer class, with a warning", () => {
    const t = parseTarget("outcome", ["cat", "dog", "dog"]);
    expect(t.positive).toBe("cat");
    expect(t.warning).toContain("rarer class");
  });

  it("rejects anything but exactly two classes with a one-line reason", () => {
    expect(() => parseTarget("y", ["1", "1"])).toThrow(BadInputError);
    expect(() => parseTarget("y", ["a", "b", "c"])).toThrow("target y must have exactly two classes, found 3 (a, b, c)");
    expect(() => parseTarget("y", ["", ""])).toThrow("found 0");
  });
});
