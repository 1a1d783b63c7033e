import { describe, expect, it } from "vitest";
import { createPrng, hashString } from "./prng.js";

const draw = (seed: number, n = 50) => {
  const rng = createPrng(seed);
  return Array.from({ length: n }, () => rng.next());
};

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

describe("Prng", () => {
  it("repeats the same sequence for the same seed", () => {
    expect(draw(42)).toEqual(draw(42));
  });

  it("gives a different sequence for a different seed", () => {
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("matches the reference mulberry32 output, so the sequence never drifts between releases", () => {
    const rng = createPrng(1);
    expect([rng.next(), rng.next(), rng.next()].map((x) => x.toFixed(8))).toEqual(["0.62707394", "0.00273572", "0.52744704"]);
  });

  it("forks independent, reproducible streams by label", () => {
    const root = createPrng(9);
    const a = root.fork("leads");
    const b = createPrng(9).fork("leads");
    const c = createPrng(9).fork("deals");
    const take = (r: ReturnType<typeof createPrng>) => [r.next(), r.next(), r.next()];
    expect(take(a)).toEqual(take(b));
    expect(take(createPrng(9).fork("leads"))).not.toEqual(take(c));
    expect(hashString("leads", 9)).not.toBe(hashString("deals", 9));
  });

  it("keeps uniform draws in [0, 1) and integers inside their inclusive bounds", () => {
    const rng = createPrng(3);
    const ints = new Set<number>();
    for (let i = 0; i < 5000; i += 1) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      ints.add(rng.int(2, 5));
    }
    expect([...ints].sort()).toEqual([2, 3, 4, 5]);
  });

  it("draws normal, lognormal, poisson and exponential values with the right moments", () => {
    const rng = createPrng(5);
    const n = 20_000;
    const normals = Array.from({ length: n }, () => rng.normal(10, 2));
    expect(mean(normals)).toBeCloseTo(10, 1);
    expect(sd(normals)).toBeCloseTo(2, 1);
    const logs = Array.from({ length: n }, () => rng.lognormal(Math.log(100), 0.5)).sort((a, b) => a - b);
    expect(logs[n / 2]!).toBeGreaterThan(95);
    expect(logs[n / 2]!).toBeLessThan(105);
    expect(mean(logs)).toBeGreaterThan(logs[n / 2]!);
    expect(mean(Array.from({ length: n }, () => rng.poisson(3.5)))).toBeCloseTo(3.5, 1);
    expect(mean(Array.from({ length: n }, () => rng.poisson(60)))).toBeCloseTo(60, 0);
    expect(mean(Array.from({ length: n }, () => rng.exponential(4)))).toBeCloseTo(4, 0);
    expect(mean(Array.from({ length: n }, () => rng.geometric(0.25)))).toBeCloseTo(3, 0);
  });

  it("picks by weight and never picks a zero weight", () => {
    const rng = createPrng(11);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i += 1) counts[rng.weighted([["a", 3], ["b", 1], ["c", 0]] as const)] += 1;
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.6);
    expect(counts.a / counts.b).toBeLessThan(3.4);
    expect(() => rng.weighted([["a", 0]] as const)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it("shuffles a copy holding the same items and samples distinct ones", () => {
    const rng = createPrng(13);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = rng.shuffle(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual(items);
    const sample = rng.sample(items, 3);
    expect(new Set(sample).size).toBe(3);
  });

  it("draws bernoulli outcomes at their rate and dates inside their range", () => {
    const rng = createPrng(17);
    const hits = Array.from({ length: 10_000 }, () => rng.bernoulli(0.2)).filter(Boolean).length;
    expect(hits / 10_000).toBeCloseTo(0.2, 1);
    const from = Date.parse("2026-01-01T00:00:00Z");
    const to = Date.parse("2026-02-01T00:00:00Z");
    for (let i = 0; i < 100; i += 1) {
      const t = rng.dateBetween(from, to);
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThan(to);
    }
  });
});
