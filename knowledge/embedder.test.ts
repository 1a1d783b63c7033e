import { describe, expect, it } from "vitest";
import { bytesToVector, cosine, l2normalize, vectorToBytes } from "./embedder.js";

describe("embedding helpers", () => {
  it("normalises to unit length and measures cosine on known vectors", () => {
    expect([...l2normalize(new Float32Array([3, 4]))]).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 10);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });

  it("stores vectors as little-endian float32 bytes and reads them back", () => {
    const v = new Float32Array([1, -0.5, 0.25]);
    const bytes = vectorToBytes(v);
    expect(bytes.toString("hex")).toBe("0000803f000000bf0000803e");
    expect([...bytesToVector(bytes)]).toEqual([1, -0.5, 0.25]);
    // a Buffer slice of a larger pool (as pg returns them) reads correctly too
    const pooled = Buffer.concat([Buffer.from([9, 9, 9]), bytes]).subarray(3);
    expect([...bytesToVector(pooled)]).toEqual([1, -0.5, 0.25]);
  });
});
