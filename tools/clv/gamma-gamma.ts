import { logGamma } from "../content/stats.js";
import { nelderMeadRestarted } from "./nelder-mead.js";
import type { CustomerSummary } from "./rfm.js";

/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): a customer's
 * transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. Fitted on repeat buyers only, on
 * the mean value x̄ of their x repeat transactions; assumes spend independent of purchase frequency.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

type Spend = Pick<CustomerSummary, "frequency" | "monetary">;

/** ln f(x̄ | x) for one customer with x ≥ 1 repeat transactions of mean value x̄ > 0. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, c: Spend): number {
  const { p, q, gamma } = params;
  const x = c.frequency;
  const m = c.monetary;
  return (
    logGamma(p * x + q) - logGamma(p * x) - logGamma(q) + q * Math.log(gamma) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(gamma + m * x)
  );
}

export function usableForSpend(c: Spend): boolean {
  return c.frequency > 0 && c.monetary > 0;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
  converged: boolean;
}

export function fitGammaGamma(customers: readonly Spend[], start: GammaGammaParams = { p: 1, q: 1, gamma: 1 }): GammaGammaFit {
  const used = customers.filter(usableForSpend);
  if (used.length === 0) throw new RangeError("Gamma-Gamma needs at least one repeat buyer with a positive spend");
  const unpack = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), gamma: Math.exp(v[2]!) });
  const nll = (v: number[]) => {
    const params = unpack(v);
    let sum = 0;
    for (const c of used) sum += gammaGammaLogLikelihood(params, c);
    return -sum / used.length;
  };
  const result = nelderMeadRestarted(nll, [start.p, start.q, start.gamma].map(Math.log), { fTolerance: 1e-12, xTolerance: 1e-7, maxIterations: 4000, step: 0.5 });
  return { params: unpack(result.x), logLikelihood: -result.fx * used.length, customers: used.length, converged: result.converged };
}

/**
 * E[M | x̄, x]: the expected value of a customer's future transactions, a weighted mean of the population mean
 * pγ/(q − 1) and the customer's own x̄. Customers with no repeat purchases get the population mean.
 */
export function expectedSpend(params: GammaGammaParams, c: Spend): number {
  const { p, q, gamma } = params;
  if (!usableForSpend(c)) return (p * gamma) / (q - 1);
  return (p * (gamma + c.frequency * c.monetary)) / (p * c.frequency + q - 1);
}
