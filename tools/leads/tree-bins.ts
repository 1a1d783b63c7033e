import { binOf, levelCount, makeCategoryCoder, rawNumber } from "./encoder.js";
import type { ColumnSpec } from "./model-file.js";

/**
 * Columns as small integers for tree splits. Bin 0 is "missing or unknown"; numeric values fall into
 * 1..edges+1 by their quantile edges, categories into 1 + level index.
 */
export interface BinnedMatrix {
  rows: number;
  columns: number;
  /** Column-major: bins[c · rows + r]. */
  bins: Uint8Array;
  binCounts: number[];
  categorical: boolean[];
}

export type CellBinner = (cell: string | undefined) => number;

export function cellBinner(spec: ColumnSpec): CellBinner {
  if (spec.kind === "categorical") {
    const code = makeCategoryCoder(spec);
    return (cell) => code(cell) + 1;
  }
  const edges = spec.treeEdges;
  return (cell) => {
    const v = rawNumber(spec, cell);
    return Number.isNaN(v) ? 0 : 1 + binOf(edges, v);
  };
}

export function binCount(spec: ColumnSpec): number {
  return spec.kind === "categorical" ? levelCount(spec) + 1 : spec.treeEdges.length + 2;
}

export function binRows(columns: readonly ColumnSpec[], rows: readonly string[][], positions: readonly number[]): BinnedMatrix {
  const n = rows.length;
  const bins = new Uint8Array(columns.length * n);
  columns.forEach((spec, c) => {
    if (binCount(spec) > 256) throw new Error(`column ${spec.name} has more than 256 bins`);
    const bin = cellBinner(spec);
    const at = positions[c]!;
    for (let r = 0; r < n; r++) bins[c * n + r] = bin(rows[r]![at]);
  });
  return { rows: n, columns: columns.length, bins, binCounts: columns.map(binCount), categorical: columns.map((s) => s.kind === "categorical") };
}
