import type { CategoricalColumnSpec, ColumnSpec, NumericColumnSpec } from "./model-file.js";
import type { InferredColumn } from "./schema-inference.js";
import { categoryKey, isMissing, isMissingKey, parseBoolean, parseDateDays, parseNumber } from "./values.js";

/** Fitting per-column encodings (on training rows only) and reading cells through them. */

export interface EncoderOptions {
  /** A category needs this many training rows to keep its own level (default max(5, 0.1% of rows)). */
  minCategoryCount?: number;
  /** At most this many levels per categorical column; the rest are grouped as "other". */
  maxLevels?: number;
  /** Piecewise-constant bins per numeric column in the linear model (0 turns them off). */
  knots?: number;
  /** Split candidates per numeric column for trees. */
  treeBins?: number;
}

const DEFAULTS = { maxLevels: 30, knots: 8, treeBins: 64 };
/** Columns with this few distinct values get one bin per value instead of quantile bins. */
const FEW_VALUES = 32;

/** Sample quantile without interpolation: the value at round(q·(n−1)) of the sorted array. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

/** Number of edges ≤ v: the bin of v when edges are sorted ascending. */
export function binOf(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = values.length ? sum / values.length : 0;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i]! - mean) ** 2;
  const sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
  return { mean, sd: sd > 1e-12 ? sd : 1 };
}

function skewness(values: number[], mean: number): number {
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    m2 += (v - mean) ** 2;
    m3 += (v - mean) ** 3;
  }
  m2 /= values.length;
  m3 /= values.length;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

/** Edges that separate the distinct values (midpoints) when there are few, else quantile edges. */
function edgesFor(sorted: number[], distinct: number[], bins: number): number[] {
  if (bins <= 1 || distinct.length <= 2) return [];
  if (distinct.length <= Math.max(FEW_VALUES, bins)) {
    return distinct.slice(1).map((v, i) => (distinct[i]! + v) / 2);
  }
  const edges = new Set<number>();
  for (let b = 1; b < bins; b++) edges.add(quantile(sorted, b / bins));
  edges.delete(sorted[0]!);
  return [...edges].sort((a, b) => a - b);
}

/** The raw number a numeric, boolean or date cell stands for; NaN when missing or unreadable. */
export function rawNumber(spec: Pick<NumericColumnSpec, "kind" | "reference">, cell: string | undefined): number {
  if (spec.kind === "boolean") return parseBoolean(cell);
  if (spec.kind === "date") return parseDateDays(cell) - (spec.reference ?? 0);
  return parseNumber(cell);
}

/** Clipped, log-transformed and standardised value; 0 (the mean) when missing. */
export function standardize(spec: NumericColumnSpec, raw: number): number {
  if (Number.isNaN(raw)) return 0;
  const clipped = Math.min(spec.clip[1], Math.max(spec.clip[0], raw));
  const t = spec.log ? Math.log1p(clipped) : clipped;
  return (t - spec.mean) / spec.sd;
}

export function fitNumeric(column: InferredColumn, cells: readonly (string | undefined)[], options: EncoderOptions = {}): NumericColumnSpec {
  const kind = column.kind as NumericColumnSpec["kind"];
  let reference: number | undefined;
  if (kind === "date") {
    reference = -Infinity;
    for (const c of cells) reference = Math.max(reference, parseDateDays(c));
  }
  const partial = { kind, reference };
  const present: number[] = [];
  for (const c of cells) {
    const v = rawNumber(partial, c);
    if (!Number.isNaN(v)) present.push(v);
  }
  present.sort((a, b) => a - b);
  const clip: [number, number] = kind === "boolean" ? [0, 1] : [quantile(present, 0.005), quantile(present, 0.995)];
  const clipped = present.map((v) => Math.min(clip[1], Math.max(clip[0], v)));
  const plain = meanAndSd(clipped);
  const log = kind === "numeric" && clip[0] >= 0 && skewness(clipped, plain.mean) > 2;
  const { mean, sd } = log ? meanAndSd(clipped.map(Math.log1p)) : plain;
  const distinct = [...new Set(clipped)];
  return {
    name: column.name,
    kind,
    clip,
    log,
    mean,
    sd,
    ...(reference !== undefined ? { reference } : {}),
    missingIndicator: present.length < cells.length,
    knots: kind === "boolean" ? [] : edgesFor(clipped, distinct, options.knots ?? DEFAULTS.knots),
    treeEdges: edgesFor(clipped, distinct, options.treeBins ?? DEFAULTS.treeBins),
  };
}

export function fitCategorical(
  column: InferredColumn,
  cells: readonly (string | undefined)[],
  options: EncoderOptions = {},
): { spec: CategoricalColumnSpec; warning?: string } {
  const counts = new Map<string, { n: number; label: string }>();
  let missing = 0;
  for (const c of cells) {
    if (isMissing(c)) {
      missing++;
      continue;
    }
    const key = categoryKey(c!);
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { n: 1, label: c!.trim() });
  }
  const minCount = options.minCategoryCount ?? Math.max(5, Math.ceil(0.001 * cells.length));
  const maxLevels = options.maxLevels ?? DEFAULTS.maxLevels;
  const ranked = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1));
  const kept = ranked.filter(([, e]) => e.n >= minCount).slice(0, maxLevels);
  const grouped = ranked.length - kept.length;
  return {
    spec: {
      name: column.name,
      kind: "categorical",
      levels: kept.map(([k]) => k),
      labels: kept.map(([, e]) => e.label),
      other: grouped > 0,
      missing: missing > 0,
    },
    warning: grouped > 0 ? `column ${column.name}: ${grouped} rare categor${grouped === 1 ? "y" : "ies"} grouped as other` : undefined,
  };
}

/** Number of one-hot levels: kept levels, then "other", then "missing". */
export function levelCount(spec: CategoricalColumnSpec): number {
  return spec.levels.length + (spec.other ? 1 : 0) + (spec.missing ? 1 : 0);
}

export function levelLabel(spec: CategoricalColumnSpec, code: number): string {
  if (code < spec.levels.length) return spec.labels[code]!;
  if (spec.other && code === spec.levels.length) return "(other)";
  return "(missing)";
}

/**
 * Level index of a cell, or −1 when it matches nothing (an unseen category with no "other" level, or a
 * missing value when training had none). Unseen categories count as "other": a value never seen is rare.
 */
export function makeCategoryCoder(spec: CategoricalColumnSpec): (cell: string | undefined) => number {
  const index = new Map(spec.levels.map((k, i) => [k, i]));
  const otherCode = spec.other ? spec.levels.length : -1;
  const missingCode = spec.missing ? spec.levels.length + (spec.other ? 1 : 0) : -1;
  return (cell) => {
    if (cell === undefined) return missingCode;
    const key = categoryKey(cell);
    if (isMissingKey(key)) return missingCode;
    return index.get(key) ?? otherCode;
  };
}

export function fitColumns(
  inferred: readonly InferredColumn[],
  rows: readonly string[][],
  options: EncoderOptions = {},
): { columns: ColumnSpec[]; warnings: string[] } {
  const warnings: string[] = [];
  const columns = inferred.map((column): ColumnSpec => {
    const cells = rows.map((r) => r[column.index]);
    if (column.kind !== "categorical") return fitNumeric(column, cells, options);
    const { spec, warning } = fitCategorical(column, cells, options);
    if (warning) warnings.push(warning);
    return spec;
  });
  return { columns, warnings };
}
