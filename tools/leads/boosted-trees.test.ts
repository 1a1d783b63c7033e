import { describe, expect, it } from "vitest";
import { fitBoostedTrees, nodeMasks, treeOutput } from "./boosted-trees.js";
import { rocAuc } from "./metrics.js";
import type { ColumnSpec } from "./model-file.js";
import { compilePredictor } from "./predictor.js";
import type { BinnedMatrix } from "./tree-bins.js";

/** Two binary columns whose XOR decides the outcome: no linear model can rank it. */
function xorData(n: number): { matrix: BinnedMatrix; y: Uint8Array } {
  const bins = new Uint8Array(2 * n);
  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const a = r % 2;
    const b = Math.floor(r / 2) % 2;
    bins[r] = 1 + a;
    bins[n + r] = 1 + b;
    y[r] = (a ^ b) === 1 ? (r % 10 === 0 ? 0 : 1) : r % 10 === 1 ? 1 : 0;
  }
  return { matrix: { rows: n, columns: 2, bins, binCounts: [3, 3], categorical: [false, true] }, y };
}

describe("boosted trees", () => {
  const { matrix, y } = xorData(400);
  const rows = Array.from({ length: 400 }, (_, i) => i);
  const { model, bestRound } = fitBoostedTrees(matrix, y, rows, [], { rounds: 30, maxDepth: 2, subsample: 1 });

  it("learns an interaction", () => {
    expect(bestRound).toBe(30);
    const margins = rows.map((r) => model.baseScore + model.trees.reduce((s, t) => s + treeOutput(t, matrix, r, nodeMasks(t)), 0));
    expect(rocAuc(y, margins)).toBeGreaterThan(0.85);
  });

  it("stops early when the validation loss stops improving", () => {
    const noise = Uint8Array.from(rows, (r) => (r * 7919) % 3 === 0 ? 1 : 0);
    const fit = fitBoostedTrees(matrix, noise, rows.slice(0, 300), rows.slice(300), { rounds: 200, patience: 5 });
    expect(fit.bestRound).toBeLessThan(20);
    expect(fit.model.trees).toHaveLength(fit.bestRound);
  });

  it("explains each prediction by per-column contributions that add up to the margin", () => {
    const columns: ColumnSpec[] = [
      { name: "a", kind: "numeric", clip: [0, 1], log: false, mean: 0.5, sd: 0.5, missingIndicator: false, knots: [], treeEdges: [0.5] },
      { name: "b", kind: "categorical", levels: ["0", "1"], labels: ["0", "1"], other: false, missing: false },
    ];
    const predictor = compilePredictor(columns, model);
    for (const cells of [["0", "0"], ["1", "0"], ["0", "1"], ["1", "1"]]) {
      const { bias, contributions } = predictor.explain((c) => cells[c]);
      expect(bias + contributions[0]! + contributions[1]!).toBeCloseTo(predictor.margin((c) => cells[c]), 10);
    }
    const mixed = predictor.probability((c) => ["1", "0"][c]);
    const same = predictor.probability((c) => ["1", "1"][c]);
    expect(mixed).toBeGreaterThan(0.7);
    expect(same).toBeLessThan(0.3);
  });
});
