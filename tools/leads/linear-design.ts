import { binOf, levelCount, levelLabel, makeCategoryCoder, rawNumber, standardize } from "./encoder.js";
import type { ColumnSpec } from "./model-file.js";

/**
 * The design matrix of the linear model, stored as a fixed number of (index, value) slots per row: every
 * numeric column fills one slot with its standardised value, one with its missing flag and one with its
 * bin; every categorical column one slot with its level. One-hot columns are never materialised, so
 * fitting costs rows × slots² instead of rows × features².
 */
export interface Design {
  rows: number;
  /** Slots per row. */
  width: number;
  /** Number of distinct features (columns of the full matrix). */
  features: number;
  index: Int32Array;
  value: Float64Array;
}

export interface LinearLayout {
  width: number;
  features: number;
  names: string[];
  /** Feature range [start, end) of each column, for explanations. */
  ranges: [number, number][];
  /** The column each slot belongs to. */
  slotColumns: Int32Array;
  /** Fills the slots of one row at `offset` (= row × width). `cell(i)` is the cell of column i. */
  encode(cell: (column: number) => string | undefined, index: Int32Array, value: Float64Array, offset: number): void;
}

function formatEdge(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, "");
}

export function linearLayout(columns: readonly ColumnSpec[]): LinearLayout {
  const names: string[] = [];
  const ranges: [number, number][] = [];
  const encoders: ((cell: string | undefined, index: Int32Array, value: Float64Array, at: number) => number)[] = [];
  for (const spec of columns) {
    const start = names.length;
    if (spec.kind === "categorical") {
      const n = levelCount(spec);
      for (let l = 0; l < n; l++) names.push(`${spec.name}=${levelLabel(spec, l)}`);
      const code = makeCategoryCoder(spec);
      encoders.push((cell, index, value, at) => {
        const c = code(cell);
        index[at] = c < 0 ? start : start + c;
        value[at] = c < 0 ? 0 : 1;
        return 1;
      });
    } else {
      names.push(spec.name);
      const missingAt = spec.missingIndicator ? names.push(`${spec.name} missing`) - 1 : -1;
      const binsAt = names.length;
      const edges = spec.knots;
      if (edges.length > 0) {
        for (let b = 0; b <= edges.length; b++) {
          const lo = b === 0 ? "" : formatEdge(edges[b - 1]!);
          const hi = b === edges.length ? "" : formatEdge(edges[b]!);
          names.push(`${spec.name} in [${lo}, ${hi})`);
        }
      }
      encoders.push((cell, index, value, at) => {
        const raw = rawNumber(spec, cell);
        const isMissing = Number.isNaN(raw);
        index[at] = start;
        value[at] = standardize(spec, raw);
        let used = 1;
        if (missingAt >= 0) {
          index[at + used] = missingAt;
          value[at + used] = isMissing ? 1 : 0;
          used++;
        }
        if (edges.length > 0) {
          index[at + used] = isMissing ? binsAt : binsAt + binOf(edges, raw);
          value[at + used] = isMissing ? 0 : 1;
          used++;
        }
        return used;
      });
    }
    ranges.push([start, names.length]);
  }
  const slotColumns = Int32Array.from(
    columns.flatMap((s, c) =>
      new Array<number>(s.kind === "categorical" ? 1 : 1 + (s.missingIndicator ? 1 : 0) + (s.knots.length > 0 ? 1 : 0)).fill(c),
    ),
  );
  return {
    width: slotColumns.length,
    features: names.length,
    names,
    ranges,
    slotColumns,
    encode(cell, index, value, offset) {
      let at = offset;
      for (let c = 0; c < encoders.length; c++) at += encoders[c]!(cell(c), index, value, at);
    },
  };
}

/** Encodes rows whose cells for column c sit at `positions[c]`. */
export function encodeDesign(layout: LinearLayout, rows: readonly string[][], positions: readonly number[]): Design {
  const n = rows.length;
  const index = new Int32Array(n * layout.width);
  const value = new Float64Array(n * layout.width);
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    layout.encode((c) => row[positions[c]!], index, value, r * layout.width);
  }
  return { rows: n, width: layout.width, features: layout.features, index, value };
}

/** Mean of each feature over the given rows of the design (default: all). */
export function featureMeans(design: Design, rows?: readonly number[]): Float64Array {
  const sums = new Float64Array(design.features);
  const list = rows ?? Array.from({ length: design.rows }, (_, i) => i);
  for (const r of list) {
    for (let k = r * design.width; k < (r + 1) * design.width; k++) sums[design.index[k]!]! += design.value[k]!;
  }
  for (let j = 0; j < sums.length; j++) sums[j]! /= Math.max(1, list.length);
  return sums;
}
