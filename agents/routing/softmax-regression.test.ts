import { describe, expect, it } from "vitest";
import type { SparseVector } from "./text-features.js";
import { seededRandom } from "../../src/core/random.js";
import { SoftmaxRegression, decodeFloat32, encodeFloat32, softmaxInPlace } from "./softmax-regression.js";

const vector = (entries: [number, number][]): SparseVector => {
  const n = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0));
  return { indices: Int32Array.from(entries, ([i]) => i), values: Float32Array.from(entries, ([, v]) => v / n) };
};

/** Three classes, each owning two features, with a shared noisy feature 6. */
function toyData(): { inputs: SparseVector[]; targets: number[] } {
  const random = seededRandom(1);
  const inputs: SparseVector[] = [];
  const targets: number[] = [];
  for (let i = 0; i < 150; i++) {
    const label = i % 3;
    inputs.push(vector([[label * 2, 1], [label * 2 + 1, random()], [6, random()]]));
    targets.push(label);
  }
  return { inputs, targets };
}

const shape = { classes: 3, features: 7 };

describe("softmaxInPlace", () => {
  it("is stable for large scores and sums to 1", () => {
    const z = Float64Array.from([1000, 1001, 1002]);
    softmaxInPlace(z);
    expect(z.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(z[2]).toBeGreaterThan(z[1]!);
  });
});

describe("SoftmaxRegression", () => {
  it("separates a toy dataset with probabilities that sum to 1", () => {
    const { inputs, targets } = toyData();
    const model = SoftmaxRegression.train(inputs, targets, shape, { epochs: 20 });
    inputs.forEach((x, i) => {
      const p = model.predictProba(x);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
      expect(p.indexOf(Math.max(...p))).toBe(targets[i]);
    });
    expect(model.predictProba(vector([[0, 1]]))[0]).toBeGreaterThan(0.8);
  });

  it("splits its belief when the evidence is split", () => {
    const { inputs, targets } = toyData();
    const model = SoftmaxRegression.train(inputs, targets, shape, { epochs: 20 });
    const p = model.predictProba(vector([[0, 1], [2, 1]]));
    expect(p[0]).toBeGreaterThan(0.25);
    expect(p[1]).toBeGreaterThan(0.25);
    expect(p[2]).toBeLessThan(0.2);
    expect(Math.max(...p)).toBeLessThan(0.75);
  });

  it("is deterministic for a given seed", () => {
    const { inputs, targets } = toyData();
    const a = SoftmaxRegression.train(inputs, targets, shape, { seed: 7 });
    const b = SoftmaxRegression.train(inputs, targets, shape, { seed: 7 });
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it("round-trips through JSON to identical probabilities", () => {
    const { inputs, targets } = toyData();
    const model = SoftmaxRegression.train(inputs, targets, shape);
    const copy = SoftmaxRegression.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const x of inputs.slice(0, 10)) expect(copy.predictProba(x)).toEqual(model.predictProba(x));
  });

  it("rejects a serialized model whose weights do not fit its shape", () => {
    const json = SoftmaxRegression.train(toyData().inputs, toyData().targets, shape).toJSON();
    expect(() => SoftmaxRegression.fromJSON({ ...json, features: 8 })).toThrow();
  });
});

describe("float32 encoding", () => {
  it("is exact", () => {
    const values = Float32Array.from([0, -1.5, 0.1, 3.4e38, -1e-40]);
    expect(decodeFloat32(encodeFloat32(values))).toEqual(values);
  });
});
