import { CholeskyDecomposition, Matrix } from "ml-matrix";
import type { Design } from "./linear-design.js";

/**
 * L2-regularised logistic regression fitted by Newton's method on the slot design.
 * Minimises  mean log-loss + (λ/2)·‖w‖²;  the intercept is not penalised.
 */

export interface LogisticFit {
  intercept: number;
  weights: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  lambda: number;
  maxIterations?: number;
  /** Converged when every component of the gradient is below this. */
  tolerance?: number;
  /** Start from an earlier solution (e.g. the neighbouring λ on a path). */
  init?: { intercept: number; weights: ArrayLike<number> };
  /** Use only these rows of the design. */
  rows?: readonly number[];
  /**
   * The Hessian is estimated on at most this many evenly spaced rows and reused while steps keep
   * succeeding; the gradient always uses every row, so the fit still converges to the exact optimum.
   */
  hessianRows?: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function linearScore(design: Design, row: number, intercept: number, weights: ArrayLike<number>): number {
  let z = intercept;
  const end = (row + 1) * design.width;
  for (let k = row * design.width; k < end; k++) z += weights[design.index[k]!]! * design.value[k]!;
  return z;
}

/** Objective and its gradient in one pass (gradient slot 0 is the intercept, slot j + 1 weight j). */
function evaluate(design: Design, y: ArrayLike<number>, rows: readonly number[], b: number, w: Float64Array, lambda: number) {
  const gradient = new Float64Array(design.features + 1);
  const { width, index, value } = design;
  let loss = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const base = r * width;
    let z = b;
    for (let a = 0; a < width; a++) z += w[index[base + a]!]! * value[base + a]!;
    const yr = y[r]!;
    loss += softplus(z) - yr * z;
    const residual = sigmoid(z) - yr;
    gradient[0]! += residual;
    for (let a = 0; a < width; a++) gradient[index[base + a]! + 1]! += residual * value[base + a]!;
  }
  let norm = 0;
  for (let j = 0; j < gradient.length; j++) gradient[j]! /= rows.length;
  for (let j = 0; j < w.length; j++) {
    gradient[j + 1]! += lambda * w[j]!;
    norm += w[j]! * w[j]!;
  }
  return { value: loss / rows.length + (lambda / 2) * norm, gradient };
}

/** Cholesky factor of the penalised Hessian, estimated on every `stride`-th row. */
function factorHessian(design: Design, rows: readonly number[], b: number, w: Float64Array, lambda: number, stride: number): CholeskyDecomposition {
  const P = design.features + 1;
  const hessian = new Float64Array(P * P);
  const { width, index, value } = design;
  let count = 0;
  for (let at = 0; at < rows.length; at += stride) {
    const r = rows[Math.floor(at)]!;
    count++;
    const q = sigmoid(linearScore(design, r, b, w));
    const s = q * (1 - q);
    hessian[0]! += s;
    const base = r * width;
    for (let a = 0; a < width; a++) {
      const va = value[base + a]!;
      if (va === 0) continue;
      const ia = index[base + a]! + 1;
      const sva = s * va;
      hessian[ia]! += sva;
      const rowOffset = ia * P;
      hessian[rowOffset + ia]! += sva * va;
      // slots hold distinct features, so each unordered pair is added once, in one triangle or the other
      for (let c = a + 1; c < width; c++) {
        const vc = value[base + c]!;
        if (vc !== 0) hessian[rowOffset + index[base + c]! + 1]! += sva * vc;
      }
    }
  }
  const matrix = new Matrix(P, P);
  for (let i = 0; i < P; i++) {
    // a feature that never occurs leaves an all-zero row when λ = 0; a tiny ridge keeps Cholesky defined
    matrix.set(i, i, hessian[i * P + i]! / count + (i === 0 ? 0 : lambda) + 1e-10);
    for (let j = i + 1; j < P; j++) {
      const h = (hessian[i * P + j]! + hessian[j * P + i]!) / count;
      matrix.set(i, j, h);
      matrix.set(j, i, h);
    }
  }
  let cholesky = new CholeskyDecomposition(matrix);
  if (!cholesky.isPositiveDefinite()) {
    // only with λ = 0 and collinear features; the line search keeps the step safe
    cholesky = new CholeskyDecomposition(Matrix.add(matrix, Matrix.eye(P).mul(1e-6)));
  }
  return cholesky;
}

export function fitLogistic(design: Design, y: ArrayLike<number>, options: LogisticOptions): LogisticFit {
  const { lambda } = options;
  const rows = options.rows ?? Array.from({ length: design.rows }, (_, i) => i);
  if (rows.length === 0) throw new Error("no rows to fit");
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-7;
  const stride = Math.max(1, rows.length / (options.hessianRows ?? 8192));
  const p = design.features;
  let b = options.init?.intercept ?? baseLogit(y, rows);
  let w = options.init ? Float64Array.from(options.init.weights) : new Float64Array(p);
  let current = evaluate(design, y, rows, b, w, lambda);
  let cholesky: CholeskyDecomposition | undefined;
  let sinceFactor = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (current.gradient.every((g) => Math.abs(g) < tolerance)) return { intercept: b, weights: w, iterations: iteration - 1, converged: true };
    if (!cholesky || sinceFactor >= 4) {
      cholesky = factorHessian(design, rows, b, w, lambda, stride);
      sinceFactor = 0;
    }
    sinceFactor++;
    const step = cholesky.solve(Matrix.columnVector(Array.from(current.gradient))).getColumn(0);
    let t = 1;
    let nextB = b;
    let nextW = w;
    let next = current;
    for (let halving = 0; halving < 30; halving++) {
      nextB = b - t * step[0]!;
      nextW = new Float64Array(p);
      for (let j = 0; j < p; j++) nextW[j] = w[j]! - t * step[j + 1]!;
      next = evaluate(design, y, rows, nextB, nextW, lambda);
      if (next.value <= current.value + 1e-12) break;
      t /= 2;
    }
    // a step that had to be shortened means the Hessian no longer fits this point
    if (t < 1) sinceFactor = Infinity;
    const moved = step.reduce((m, s) => Math.max(m, Math.abs(t * s)), 0);
    b = nextB;
    w = nextW;
    current = next;
    if (moved < 1e-12) return { intercept: b, weights: w, iterations: iteration, converged: true };
  }
  return { intercept: b, weights: w, iterations: maxIterations, converged: false };
}

function baseLogit(y: ArrayLike<number>, rows: readonly number[]): number {
  let positives = 0;
  for (const r of rows) positives += y[r]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / rows.length));
  return Math.log(rate / (1 - rate));
}

export function predictLogistic(design: Design, fit: Pick<LogisticFit, "intercept" | "weights">, rows?: readonly number[]): Float64Array {
  const list = rows ?? Array.from({ length: design.rows }, (_, i) => i);
  const out = new Float64Array(list.length);
  list.forEach((r, i) => (out[i] = sigmoid(linearScore(design, r, fit.intercept, fit.weights))));
  return out;
}
