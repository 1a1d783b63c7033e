/** Binary-classification metrics on probabilities. `y` holds 0/1, `p` the predicted P(y = 1). */

function checkInputs(y: ArrayLike<number>, p: ArrayLike<number>): void {
  if (y.length !== p.length) throw new Error(`length mismatch: ${y.length} labels, ${p.length} predictions`);
  if (y.length === 0) throw new Error("no predictions to evaluate");
}

function countPositives(y: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  return pos;
}

/** Row indices sorted by descending score. */
function orderByScore(p: ArrayLike<number>): number[] {
  return Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b]! - p[a]!);
}

/**
 * ROC-AUC as the Mann-Whitney statistic with mid-ranks, so tied scores count one half.
 * NaN when only one class is present.
 */
export function rocAuc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkInputs(y, p);
  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  let rankSumPositives = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && p[order[j + 1]!] === p[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (y[order[t]!] === 1) rankSumPositives += midRank;
    i = j + 1;
  }
  const pos = countPositives(y);
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPositives - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * PR-AUC as average precision: Σ (Rₙ − Rₙ₋₁) Pₙ over distinct score thresholds (tied scores enter together).
 * NaN without positives.
 */
export function prAuc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkInputs(y, p);
  const pos = countPositives(y);
  if (pos === 0) return NaN;
  const order = orderByScore(p);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let i = 0;
  while (i < order.length) {
    let gainedTp = 0;
    let j = i;
    while (j < order.length && p[order[j]!] === p[order[i]!]) {
      gainedTp += y[order[j]!] === 1 ? 1 : 0;
      j++;
    }
    tp += gainedTp;
    seen += j - i;
    ap += (gainedTp / pos) * (tp / seen);
    i = j;
  }
  return ap;
}

const EPS = 1e-15;

/** Mean negative log-likelihood, with probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkInputs(y, p);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - EPS, Math.max(EPS, p[i]!));
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / y.length;
}

export function brierScore(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkInputs(y, p);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (p[i]! - y[i]!) ** 2;
  return sum / y.length;
}

/**
 * Conversion rate among the top `share` of rows by score, divided by the overall rate.
 * The top group is ceil(share × n) rows; ties at its edge are taken in input order.
 */
export function liftAt(y: ArrayLike<number>, p: ArrayLike<number>, share = 0.1): number {
  checkInputs(y, p);
  const pos = countPositives(y);
  if (pos === 0) return NaN;
  const order = orderByScore(p);
  const top = Math.max(1, Math.ceil(share * y.length));
  let hits = 0;
  for (let i = 0; i < top; i++) hits += y[order[i]!] === 1 ? 1 : 0;
  return hits / top / (pos / y.length);
}

export interface CalibrationBin {
  /** Lower and upper edge of predicted probability. */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Equal-width bins of predicted probability; the last bin includes 1. Empty bins are left out. */
export function calibrationTable(y: ArrayLike<number>, p: ArrayLike<number>, bins = 10): CalibrationBin[] {
  checkInputs(y, p);
  const count = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  for (let i = 0; i < y.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)));
    count[b]! += 1;
    sumP[b]! += p[i]!;
    sumY[b]! += y[i]!;
  }
  const table: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    table.push({ from: b / bins, to: (b + 1) / bins, count: count[b]!, meanPredicted: sumP[b]! / count[b]!, observedRate: sumY[b]! / count[b]! });
  }
  return table;
}

/** Expected calibration error: count-weighted mean |predicted − observed| over the bins. */
export function expectedCalibrationError(table: readonly CalibrationBin[]): number {
  const n = table.reduce((s, b) => s + b.count, 0);
  return table.reduce((s, b) => s + (b.count / n) * Math.abs(b.meanPredicted - b.observedRate), 0);
}

export interface BinaryReport {
  rows: number;
  positives: number;
  baseRate: number;
  rocAuc: number;
  prAuc: number;
  logLoss: number;
  brier: number;
  liftTopDecile: number;
  calibration: CalibrationBin[];
}

export function binaryReport(y: ArrayLike<number>, p: ArrayLike<number>): BinaryReport {
  const positives = countPositives(y);
  return {
    rows: y.length,
    positives,
    baseRate: positives / y.length,
    rocAuc: rocAuc(y, p),
    prAuc: prAuc(y, p),
    logLoss: logLoss(y, p),
    brier: brierScore(y, p),
    liftTopDecile: liftAt(y, p, 0.1),
    calibration: calibrationTable(y, p, 10),
  };
}
