import { describe, expect, it } from "vitest";
import { bgNbdLogLikelihood, expectedPurchases, expectedPurchasesNewCustomer, fitBgNbd, probabilityAlive } from "./bg-nbd.js";
import { expectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from "./gamma-gamma.js";
import { hyp2f1 } from "./hypergeometric.js";
import { parseHorizon, predictClv, fitClv } from "./model.js";
import { nelderMead, nelderMeadRestarted } from "./nelder-mead.js";
import { dayNumber, summarise } from "./rfm.js";

/** A small deterministic generator so simulated customers are the same on every run. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gammaDraw(shape: number, rate: number, u: () => number): number {
  // Marsaglia–Tsang, boosted for shape < 1
  if (shape < 1) return gammaDraw(shape + 1, rate, u) * Math.pow(u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const n = Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u());
    const v = (1 + c * n) ** 3;
    if (v > 0 && Math.log(u() || 1e-12) < 0.5 * n * n + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

function betaDraw(a: number, b: number, u: () => number): number {
  const x = gammaDraw(a, 1, u);
  return x / (x + gammaDraw(b, 1, u));
}

/** Customers drawn from the BG/NBD story itself, observed for T weeks. */
function simulate(n: number, p: { r: number; alpha: number; a: number; b: number }, T: number, seed: number) {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const lambda = gammaDraw(p.r, p.alpha, u);
    const drop = betaDraw(p.a, p.b, u);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - u()) / lambda;
      if (t > T) break;
      x += 1;
      tx = t;
      if (u() < drop) break;
    }
    return { frequency: x, recency: tx, age: T };
  });
}

describe("Nelder–Mead", () => {
  it("finds the minimum of Rosenbrock's banana at (1, 1)", () => {
    const rosenbrock = ([x, y]: number[]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2;
    const result = nelderMeadRestarted(rosenbrock, [-1.2, 1], { fTolerance: 1e-14, xTolerance: 1e-10, maxIterations: 5000 });
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
    expect(result.fx).toBeLessThan(1e-10);
  });

  it("minimises a shifted quadratic in four dimensions and treats non-finite values as +∞", () => {
    const target = [3, -2, 0.5, 10];
    const f = (x: number[]) => (x[0]! < -50 ? Number.NaN : x.reduce((s, v, i) => s + (i + 1) * (v - target[i]!) ** 2, 0));
    const result = nelderMead(f, [0, 0, 0, 0], { maxIterations: 5000, fTolerance: 1e-14, xTolerance: 1e-9 });
    expect(result.converged).toBe(true);
    result.x.forEach((v, i) => expect(v).toBeCloseTo(target[i]!, 4));
  });
});

describe("special functions", () => {
  it("₂F₁ matches closed forms: ₂F₁(1,1;2;z) = −ln(1−z)/z and ₂F₁(a,b;b;z) = (1−z)^−a", () => {
    for (const z of [0.1, 0.5, 0.9]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 10);
      expect(hyp2f1(0.7, 2.5, 2.5, z)).toBeCloseTo((1 - z) ** -0.7, 10);
    }
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe("BG/NBD", () => {
  const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it("gives a customer with no repeat purchase the likelihood B(a,b)/B(a,b) · (α/(α+T))^r", () => {
    const ll = bgNbdLogLikelihood(published, { frequency: 0, recency: 0, age: 38.86 });
    expect(ll).toBeCloseTo(published.r * Math.log(published.alpha / (published.alpha + 38.86)), 10);
  });

  it("has P(alive) 1 without repeat purchases and lower for a long-silent frequent buyer than a recent one", () => {
    expect(probabilityAlive(published, { frequency: 0, recency: 0, age: 30 })).toBe(1);
    const recent = probabilityAlive(published, { frequency: 5, recency: 30, age: 32 });
    const silent = probabilityAlive(published, { frequency: 5, recency: 5, age: 32 });
    expect(recent).toBeGreaterThan(0.8);
    expect(silent).toBeLessThan(0.2);
  });

  it("expects more purchases from a frequent recent buyer, none over a zero horizon, and the new-customer curve at t → 0 is 0", () => {
    const busy = expectedPurchases(published, { frequency: 6, recency: 37, age: 38 }, 39);
    const idle = expectedPurchases(published, { frequency: 0, recency: 0, age: 38 }, 39);
    expect(busy).toBeGreaterThan(3);
    expect(idle).toBeLessThan(0.3);
    expect(expectedPurchases(published, { frequency: 2, recency: 10, age: 38 }, 0)).toBe(0);
    expect(expectedPurchasesNewCustomer(published, 1e-9)).toBeCloseTo(0, 6);
    // E[X(t)] from the paper's parameters: about 1.4 repeat purchases in the first 78 weeks
    expect(expectedPurchasesNewCustomer(published, 78)).toBeGreaterThan(1);
    expect(expectedPurchasesNewCustomer(published, 78)).toBeLessThan(2);
  });

  it("recovers the parameters of 6,000 customers simulated from the model", () => {
    const truth = { r: 0.5, alpha: 6, a: 0.8, b: 2.5 };
    const fit = fitBgNbd(simulate(6000, truth, 52, 7));
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeGreaterThan(0.4);
    expect(fit.params.r).toBeLessThan(0.6);
    expect(fit.params.alpha / truth.alpha).toBeGreaterThan(0.75);
    expect(fit.params.alpha / truth.alpha).toBeLessThan(1.3);
    expect(fit.params.a / fit.params.b).toBeCloseTo(truth.a / truth.b, 1);
  });
});

describe("Gamma-Gamma", () => {
  it("recovers spend parameters from simulated repeat buyers and shrinks a one-purchase mean towards the population", () => {
    const u = mulberry32(11);
    const truth = { p: 6, q: 4, gamma: 15 };
    const customers = Array.from({ length: 3000 }, () => {
      const nu = gammaDraw(truth.q, truth.gamma, u);
      const x = 1 + Math.floor(u() * 6);
      const values = Array.from({ length: x }, () => gammaDraw(truth.p, nu, u));
      return { frequency: x, monetary: values.reduce((s, v) => s + v, 0) / x };
    });
    const fit = fitGammaGamma(customers);
    expect(fit.params.p / truth.p).toBeGreaterThan(0.8);
    expect(fit.params.p / truth.p).toBeLessThan(1.25);
    expect(fit.params.q / truth.q).toBeGreaterThan(0.75);
    expect(fit.params.q / truth.q).toBeLessThan(1.35);
    const populationMean = (fit.params.p * fit.params.gamma) / (fit.params.q - 1);
    const one = expectedSpend(fit.params, { frequency: 1, monetary: 500 });
    expect(one).toBeLessThan(500);
    expect(one).toBeGreaterThan(populationMean);
    expect(expectedSpend(fit.params, { frequency: 0, monetary: 0 })).toBeCloseTo(populationMean, 10);
    expect(Number.isFinite(gammaGammaLogLikelihood(fit.params, customers[0]!))).toBe(true);
  });
});

describe("transactions to CLV", () => {
  it("summarises by purchase day in weeks, with age to the end of the calibration day", () => {
    const d = (s: string) => dayNumber(s)!;
    const [c] = summarise(
      [
        { customerId: "c1", day: d("1997-01-01"), value: 10 },
        { customerId: "c1", day: d("1997-01-01"), value: 5 },
        { customerId: "c1", day: d("1997-01-15"), value: 20 },
        { customerId: "c1", day: d("1997-01-29"), value: 30 },
        { customerId: "c1", day: d("1997-12-01"), value: 99 },
      ],
      d("1997-09-30"),
    );
    expect(c).toEqual({ customerId: "c1", frequency: 2, recency: 4, age: 39, monetary: 25 });
    expect(dayNumber("1997-02-30")).toBeUndefined();
  });

  it("reads horizons in days, weeks, months and years", () => {
    expect(parseHorizon("39w")).toBe(39);
    expect(parseHorizon("14d")).toBe(2);
    expect(parseHorizon("1y")).toBeCloseTo(52.18, 2);
    expect(parseHorizon("soon")).toBeUndefined();
    expect(parseHorizon("0w")).toBeUndefined();
  });

  it("fits a model file and predicts for every customer with P(alive) in 0..1", () => {
    const u = mulberry32(5);
    const start = dayNumber("2024-01-01")!;
    const tx = Array.from({ length: 60 }, (_, i) =>
      Array.from({ length: 1 + (i % 4) }, (_, k) => ({ customerId: `c${i}`, day: start + Math.floor(u() * 20) + k * 30, value: 10 + u() * 40 })),
    ).flat();
    const model = fitClv(tx, "2024-06-30", { customer: "id", date: "d", value: "v" });
    const predictions = predictClv(model, tx, 26);
    expect(predictions).toHaveLength(60);
    for (const p of predictions) {
      expect(p.pAlive).toBeGreaterThanOrEqual(0);
      expect(p.pAlive).toBeLessThanOrEqual(1);
      expect(p.expectedPurchases).toBeGreaterThanOrEqual(0);
    }
    expect(() => fitClv(tx, "2023-01-01", { customer: "id", date: "d", value: "v" })).toThrow(/too few/);
  });
});
