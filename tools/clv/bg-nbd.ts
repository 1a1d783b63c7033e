import { logGamma } from "../content/stats.js";
import { hyp2f1 } from "./hypergeometric.js";
import { nelderMeadRestarted } from "./nelder-mead.js";
import type { CustomerSummary } from "./rfm.js";

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a customer buys as
 * a Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out with probability
 * p ~ Beta(a, b). Time is in weeks.
 */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

type History = Pick<CustomerSummary, "frequency" | "recency" | "age">;

/** ln L for one customer (equation 6 of the paper, summed in log space). */
export function bgNbdLogLikelihood(p: BgNbdParams, c: History): number {
  const { r, alpha, a, b } = p;
  const x = c.frequency;
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + c.age);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + c.recency);
  const m = Math.max(a3, a4);
  return a1 + a2 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
}

export function bgNbdTotalLogLikelihood(p: BgNbdParams, customers: readonly History[]): number {
  let sum = 0;
  for (const c of customers) sum += bgNbdLogLikelihood(p, c);
  return sum;
}

export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/** Maximum likelihood over log-parameters with Nelder–Mead (restarted until it stops improving). */
export function fitBgNbd(customers: readonly History[], start: BgNbdParams = { r: 1, alpha: 1, a: 1, b: 1 }): BgNbdFit {
  if (customers.length === 0) throw new RangeError("BG/NBD needs at least one customer");
  const unpack = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) });
  const scale = customers.length;
  const result = nelderMeadRestarted((v) => -bgNbdTotalLogLikelihood(unpack(v), customers) / scale, [start.r, start.alpha, start.a, start.b].map(Math.log), {
    fTolerance: 1e-12,
    xTolerance: 1e-7,
    maxIterations: 4000,
    step: 0.5,
  });
  return { params: unpack(result.x), logLikelihood: -result.fx * scale, iterations: result.iterations, converged: result.converged };
}

/** P(alive at T | x, tₓ, T) (equation 11 of the paper's technical note). */
export function probabilityAlive(p: BgNbdParams, c: History): number {
  if (c.frequency === 0) return 1;
  const { r, alpha, a, b } = p;
  const x = c.frequency;
  const ratio = (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + c.age) / (alpha + c.recency)));
  return 1 / (1 + ratio);
}

/** E[purchases in (T, T + t] | x, tₓ, T] (equation 10). */
export function expectedPurchases(p: BgNbdParams, c: History, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const x = c.frequency;
  const z = t / (alpha + c.age + t);
  const tail = Math.exp((r + x) * Math.log((alpha + c.age) / (alpha + c.age + t))) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - tail);
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + c.age) / (alpha + c.recency))) : 1;
  return numerator / denominator;
}

/** E[X(t)]: purchases expected from a new customer in their first t weeks (equation 9). */
export function expectedPurchasesNewCustomer(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  return ((a + b - 1) / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}
