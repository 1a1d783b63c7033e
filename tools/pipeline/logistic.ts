import { CholeskyDecomposition, Matrix } from "ml-matrix";

/**
 * Dense L2-regularised logistic regression fitted by Newton's method (IRLS) with optional sample weights.
 * Minimises  Σ wᵢ·logloss(i) / Σ wᵢ + (λ/2)·‖β‖²;  the intercept is not penalised.
 */

export interface LogisticModel {
  intercept: number;
  weights: number[];
}

export interface LogisticFit extends LogisticModel {
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  lambda: number;
  sampleWeights?: readonly number[];
  maxIterations?: number;
  tolerance?: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function linearScore(model: LogisticModel, x: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * x[j]!;
  return z;
}

export function predictProbability(model: LogisticModel, x: readonly number[]): number {
  return sigmoid(linearScore(model, x));
}

function objective(X: readonly (readonly number[])[], y: readonly number[], w: readonly number[], total: number, beta: number[], lambda: number): number {
  let loss = 0;
  for (let i = 0; i < X.length; i++) {
    const z = linearScore({ intercept: beta[0]!, weights: beta.slice(1) }, X[i]!);
    loss += w[i]! * (softplus(z) - y[i]! * z);
  }
  let norm = 0;
  for (let j = 1; j < beta.length; j++) norm += beta[j]! * beta[j]!;
  return loss / total + (lambda / 2) * norm;
}

export function fitLogistic(X: readonly (readonly number[])[], y: readonly number[], options: LogisticOptions): LogisticFit {
  const n = X.length;
  if (n === 0) throw new Error("no rows to fit");
  if (y.length !== n) throw new Error(`length mismatch: ${n} rows, ${y.length} labels`);
  const p = X[0]!.length;
  const w = options.sampleWeights ?? new Array<number>(n).fill(1);
  const total = w.reduce((s, v) => s + v, 0);
  const { lambda } = options;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const P = p + 1;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += w[i]! * y[i]!;
  const beta = new Array<number>(P).fill(0);
  beta[0] = logit(mean / total);
  let current = objective(X, y, w, total, beta, lambda);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Float64Array(P);
    const hessian = new Float64Array(P * P);
    for (let i = 0; i < n; i++) {
      const x = X[i]!;
      let z = beta[0]!;
      for (let j = 0; j < p; j++) z += beta[j + 1]! * x[j]!;
      const q = sigmoid(z);
      const wi = w[i]!;
      const r = wi * (q - y[i]!);
      const s = wi * q * (1 - q);
      gradient[0]! += r;
      hessian[0]! += s;
      for (let a = 0; a < p; a++) {
        const xa = x[a]!;
        if (xa === 0) continue;
        gradient[a + 1]! += r * xa;
        hessian[a + 1]! += s * xa;
        const row = (a + 1) * P;
        for (let b = a; b < p; b++) hessian[row + b + 1]! += s * xa * x[b]!;
      }
    }
    const H = new Matrix(P, P);
    const g = new Matrix(P, 1);
    for (let a = 0; a < P; a++) {
      g.set(a, 0, gradient[a]! / total + (a === 0 ? 0 : lambda * beta[a]!));
      for (let b = a; b < P; b++) {
        const v = (a === 0 ? hessian[b]! : hessian[a * P + b]!) / total + (a === b && a > 0 ? lambda : 0) + (a === b ? 1e-10 : 0);
        H.set(a, b, v);
        H.set(b, a, v);
      }
    }
    let maxGrad = 0;
    for (let a = 0; a < P; a++) maxGrad = Math.max(maxGrad, Math.abs(g.get(a, 0)));
    if (maxGrad < tolerance) return { intercept: beta[0]!, weights: beta.slice(1), iterations: iteration - 1, converged: true };
    let chol = new CholeskyDecomposition(H);
    // only without a penalty and with collinear columns: a small ridge keeps the step defined
    if (!chol.isPositiveDefinite()) chol = new CholeskyDecomposition(Matrix.add(H, Matrix.eye(P).mul(1e-6)));
    const step = chol.solve(g);
    let t = 1;
    for (let halving = 0; halving < 30; halving++, t /= 2) {
      const candidate = beta.map((v, j) => v - t * step.get(j, 0));
      const value = objective(X, y, w, total, candidate, lambda);
      if (value <= current + 1e-12) {
        for (let j = 0; j < P; j++) beta[j] = candidate[j]!;
        current = value;
        break;
      }
    }
  }
  return { intercept: beta[0]!, weights: beta.slice(1), iterations: maxIterations, converged: false };
}
