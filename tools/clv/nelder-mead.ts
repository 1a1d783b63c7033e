/**
 * Nelder–Mead downhill simplex (Lagarias et al. 1998 coefficients: reflect 1, expand 2, contract ½, shrink ½),
 * minimising an unconstrained function. Maximum-likelihood fits pass their parameters on a log scale so the
 * positivity constraints disappear. Non-finite values count as +∞, so the simplex walks away from them.
 */
export interface NelderMeadOptions {
  /** Stop when the simplex's values and points both span less than these. */
  fTolerance?: number;
  xTolerance?: number;
  maxIterations?: number;
  /** Initial step per coordinate (default 10% of the value, 0.00025 at zero, as MATLAB's fminsearch). */
  step?: number;
}

export interface NelderMeadResult {
  x: number[];
  fx: number;
  iterations: number;
  converged: boolean;
}

export function nelderMead(f: (x: number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const n = start.length;
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 400 * n;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex: { x: number[]; fx: number }[] = [{ x: [...start], fx: value([...start]) }];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] = x[i] !== 0 ? x[i]! + (options.step ?? 0.1 * x[i]!) : options.step ?? 0.00025;
    simplex.push({ x, fx: value(x) });
  }
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    simplex.sort((p, q) => p.fx - q.fx);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    const fSpan = Math.abs(worst.fx - best.fx);
    const xSpan = Math.max(...simplex.slice(1).map((p) => Math.max(...p.x.map((v, j) => Math.abs(v - best.x[j]!)))));
    if (fSpan <= fTol && xSpan <= xTol) {
      converged = true;
      break;
    }
    iterations += 1;
    const centroid = Array.from({ length: n }, (_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j]!, 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j]! - c));
    const reflected = along(-1);
    const fr = value(reflected);
    if (fr < best.fx) {
      const expanded = along(-2);
      const fe = value(expanded);
      simplex[n] = fe < fr ? { x: expanded, fx: fe } : { x: reflected, fx: fr };
      continue;
    }
    if (fr < simplex[n - 1]!.fx) {
      simplex[n] = { x: reflected, fx: fr };
      continue;
    }
    const contracted = fr < worst.fx ? along(-0.5) : along(0.5);
    const fc = value(contracted);
    if (fc < Math.min(fr, worst.fx)) {
      simplex[n] = { x: contracted, fx: fc };
      continue;
    }
    simplex = simplex.map((p, i) => {
      if (i === 0) return p;
      const x = p.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!));
      return { x, fx: value(x) };
    });
  }
  simplex.sort((p, q) => p.fx - q.fx);
  return { x: simplex[0]!.x, fx: simplex[0]!.fx, iterations, converged };
}

/** Restarts from the optimum until the value stops improving: Nelder–Mead can stall on a collapsed simplex. */
export function nelderMeadRestarted(f: (x: number[]) => number, start: readonly number[], options: NelderMeadOptions = {}, restarts = 3): NelderMeadResult {
  let result = nelderMead(f, start, options);
  for (let i = 0; i < restarts; i++) {
    const next = nelderMead(f, result.x, options);
    const improved = result.fx - next.fx > (options.fTolerance ?? 1e-10);
    result = { ...next, iterations: result.iterations + next.iterations };
    if (!improved) break;
  }
  return result;
}
