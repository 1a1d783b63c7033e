import { seededRandom } from "../core/random.js";

/**
 * A small seeded pseudo-random generator (mulberry32) with the distributions the demo data needs.
 * Same seed ⇒ same sequence on every platform, because the core uses only 32-bit integer arithmetic.
 */
export class Prng {
  private readonly draw: () => number;

  constructor(readonly seed: number) {
    this.draw = seededRandom(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.draw();
  }

  /**
   * An independent stream named by label. Each part of the generator draws from its own fork, so changing
   * how many numbers one part consumes does not reshuffle everything after it.
   */
  fork(label: string): Prng {
    return new Prng(hashString(label, this.seed));
  }

  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += Math.max(0, w);
    if (!(total > 0)) throw new RangeError("weighted pick needs a positive total weight");
    let u = this.next() * total;
    for (const [value, w] of entries) {
      u -= Math.max(0, w);
      if (u < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** Box–Muller; uses two uniforms per call so the stream position never depends on a cache. */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.next();
    const u2 = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** exp(N(mu, sigma)): the median is exp(mu). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Knuth's method for small means, a rounded normal approximation for large ones. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = this.next();
    while (product > limit) {
      k += 1;
      product *= this.next();
    }
    return k;
  }

  /** Failures before the first success, each trial succeeding with probability p. */
  geometric(p: number): number {
    if (p >= 1) return 0;
    if (p <= 0) throw new RangeError("geometric needs p > 0");
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  binomial(n: number, p: number): number {
    let k = 0;
    for (let i = 0; i < n; i += 1) if (this.next() < p) k += 1;
    return k;
  }

  /** A shuffled copy (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** k distinct items in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, Math.min(k, items.length)));
  }

  /** A timestamp (epoch ms) uniform in [fromMs, toMs). */
  dateBetween(fromMs: number, toMs: number): number {
    return Math.floor(this.uniform(fromMs, toMs));
  }
}

export function createPrng(seed: number): Prng {
  return new Prng(seed);
}

/** cyrb53-style string hash folded to 32 bits, mixed with a seed. */
export function hashString(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2_654_435_761);
    h2 = Math.imul(h2 ^ ch, 1_597_334_677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507) ^ Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507) ^ Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
  return (h1 ^ h2) >>> 0;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

export function roundTo(x: number, step: number): number {
  return Math.round(x / step) * step;
}
