import type { BinnedMatrix } from "./tree-bins.js";

/** Histograms of gradient and hessian per bin, and the best split they allow (second-order gain). */

export interface SplitSettings {
  lambda: number;
  minChildWeight: number;
}

export interface Split {
  gain: number;
  feature: number;
  left: Uint8Array;
}

function score(g: number, h: number, lambda: number): number {
  return (g * g) / (h + lambda);
}

/** Per-tree scratch space, allocated once per fit. */
export interface Workspace {
  offsets: Int32Array;
  totalBins: number;
  order: Int32Array;
}

export function bestSplit(
  matrix: BinnedMatrix,
  ws: Workspace,
  histG: Float64Array,
  histH: Float64Array,
  totalG: number,
  totalH: number,
  o: SplitSettings,
): Split | undefined {
  let bestGain = 1e-9;
  let bestFeature = -1;
  let bestCut = -1;
  let bestMissingLeft = false;
  let bestOrder: Int32Array | undefined;
  const parentScore = score(totalG, totalH, o.lambda);
  const order = ws.order;
  for (let c = 0; c < matrix.columns; c++) {
    const nb = matrix.binCounts[c]!;
    const base = ws.offsets[c]!;
    const categorical = matrix.categorical[c]!;
    // numeric bins keep their order (missing tried on either side); categories are ordered by G/H
    let m = 0;
    if (categorical) {
      for (let b = 0; b < nb; b++) if (histH[base + b]! > 0) order[m++] = b;
      const key = (b: number) => histG[base + b]! / (histH[base + b]! + o.lambda);
      const sorted = Array.from(order.subarray(0, m)).sort((a, b) => key(a) - key(b));
      for (let k = 0; k < m; k++) order[k] = sorted[k]!;
    } else {
      for (let b = 1; b < nb; b++) order[m++] = b;
    }
    const missingH = categorical ? 0 : histH[base]!;
    const tries = missingH > 0 ? 2 : 1;
    for (let attempt = 0; attempt < tries; attempt++) {
      const missingLeft = attempt === 1;
      let gl = missingLeft ? histG[base]! : 0;
      let hl = missingLeft ? missingH : 0;
      for (let k = 0; k < m - 1; k++) {
        gl += histG[base + order[k]!]!;
        hl += histH[base + order[k]!]!;
        const hr = totalH - hl;
        if (hl < o.minChildWeight || hr < o.minChildWeight) continue;
        const gain = score(gl, hl, o.lambda) + score(totalG - gl, hr, o.lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = c;
          bestCut = k;
          bestMissingLeft = missingLeft;
          bestOrder = categorical ? order.slice(0, m) : undefined;
        }
      }
    }
  }
  if (bestFeature < 0) return undefined;
  const left = new Uint8Array(matrix.binCounts[bestFeature]!);
  for (let k = 0; k <= bestCut; k++) left[bestOrder ? bestOrder[k]! : k + 1] = 1;
  if (bestMissingLeft) left[0] = 1;
  return { gain: bestGain, feature: bestFeature, left };
}

export function histogram(matrix: BinnedMatrix, ws: Workspace, grad: Float64Array, hess: Float64Array, sample: Int32Array, start: number, end: number) {
  const histG = new Float64Array(ws.totalBins);
  const histH = new Float64Array(ws.totalBins);
  const n = matrix.rows;
  for (let c = 0; c < matrix.columns; c++) {
    const base = ws.offsets[c]!;
    const col = c * n;
    for (let i = start; i < end; i++) {
      const r = sample[i]!;
      const b = base + matrix.bins[col + r]!;
      histG[b]! += grad[r]!;
      histH[b]! += hess[r]!;
    }
  }
  return { histG, histH };
}
