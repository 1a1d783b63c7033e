import { nodeMasks } from "./boosted-trees.js";
import { linearLayout } from "./linear-design.js";
import { sigmoid } from "./logistic-regression.js";
import type { BlendModel, BoostedTreesModel, ColumnSpec, LogisticModel, PredictorSpec } from "./model-file.js";
import { cellBinner } from "./tree-bins.js";

/**
 * A fitted model compiled for scoring one row at a time. `cell(c)` returns the cell of model column c.
 * Explanations are log-odds contributions per column that add up to margin − bias.
 */
export interface CompiledPredictor {
  margin(cell: (column: number) => string | undefined): number;
  probability(cell: (column: number) => string | undefined): number;
  explain(cell: (column: number) => string | undefined): { bias: number; contributions: Float64Array };
}

function compileLogistic(columns: readonly ColumnSpec[], model: LogisticModel): CompiledPredictor {
  const layout = linearLayout(columns);
  if (layout.features !== model.weights.length) {
    throw new Error(`model has ${model.weights.length} weights but its columns encode ${layout.features} features`);
  }
  const w = Float64Array.from(model.weights);
  const index = new Int32Array(layout.width);
  const value = new Float64Array(layout.width);
  // the contribution of a column is measured against the average training lead
  const baseline = layout.ranges.map(([start, end]) => {
    let s = 0;
    for (let j = start; j < end; j++) s += w[j]! * model.featureMeans[j]!;
    return s;
  });
  const bias = model.intercept + baseline.reduce((a, b) => a + b, 0);
  const margin = (cell: (column: number) => string | undefined) => {
    layout.encode(cell, index, value, 0);
    let z = model.intercept;
    for (let k = 0; k < layout.width; k++) z += w[index[k]!]! * value[k]!;
    return z;
  };
  return {
    margin,
    probability: (cell) => sigmoid(margin(cell)),
    explain(cell) {
      layout.encode(cell, index, value, 0);
      const contributions = Float64Array.from(baseline, (b) => -b);
      for (let k = 0; k < layout.width; k++) contributions[layout.slotColumns[k]!]! += w[index[k]!]! * value[k]!;
      return { bias, contributions };
    },
  };
}

function compileTrees(columns: readonly ColumnSpec[], model: BoostedTreesModel): CompiledPredictor {
  const binners = columns.map(cellBinner);
  const bins = new Uint8Array(columns.length);
  const trees = model.trees.map((nodes) => ({
    feature: Int32Array.from(nodes, (n) => n.feature),
    yes: Int32Array.from(nodes, (n) => n.yes ?? -1),
    no: Int32Array.from(nodes, (n) => n.no ?? -1),
    value: Float64Array.from(nodes, (n) => n.value),
    masks: nodeMasks(nodes),
  }));
  const fill = (cell: (column: number) => string | undefined) => {
    for (let c = 0; c < binners.length; c++) bins[c] = binners[c]!(cell(c));
  };
  const margin = (cell: (column: number) => string | undefined) => {
    fill(cell);
    let z = model.baseScore;
    for (const t of trees) {
      let id = 0;
      while (t.feature[id]! >= 0) id = t.masks[id]![bins[t.feature[id]!]!] ? t.yes[id]! : t.no[id]!;
      z += t.value[id]!;
    }
    return z;
  };
  return {
    margin,
    probability: (cell) => sigmoid(margin(cell)),
    explain(cell) {
      fill(cell);
      const contributions = new Float64Array(columns.length);
      let bias = model.baseScore;
      // Saabas attribution: each split's change of the expected value goes to the split's column
      for (const t of trees) {
        bias += t.value[0]!;
        let id = 0;
        while (t.feature[id]! >= 0) {
          const next = t.masks[id]![bins[t.feature[id]!]!] ? t.yes[id]! : t.no[id]!;
          contributions[t.feature[id]!]! += t.value[next]! - t.value[id]!;
          id = next;
        }
      }
      return { bias, contributions };
    },
  };
}

/** Weighted average of the two models' log-odds; explanations are the same weighted sums, so they still add up. */
function compileBlend(columns: readonly ColumnSpec[], model: BlendModel): CompiledPredictor {
  const w = model.treesWeight;
  const linear = compileLogistic(columns, model.logistic);
  const trees = compileTrees(columns, model.trees);
  const margin = (cell: (column: number) => string | undefined) => w * trees.margin(cell) + (1 - w) * linear.margin(cell);
  return {
    margin,
    probability: (cell) => sigmoid(margin(cell)),
    explain(cell) {
      const a = trees.explain(cell);
      const b = linear.explain(cell);
      const contributions = Float64Array.from(a.contributions, (v, c) => w * v + (1 - w) * b.contributions[c]!);
      return { bias: w * a.bias + (1 - w) * b.bias, contributions };
    },
  };
}

export function compilePredictor(columns: readonly ColumnSpec[], predictor: PredictorSpec): CompiledPredictor {
  if (predictor.type === "logistic") return compileLogistic(columns, predictor);
  if (predictor.type === "boosted-trees") return compileTrees(columns, predictor);
  return compileBlend(columns, predictor);
}
