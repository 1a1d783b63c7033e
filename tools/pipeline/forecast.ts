import { createRandom } from "./random.js";
import { quantileSorted } from "./stats.js";

/**
 * Forecast for a period by Monte-Carlo simulation: each open deal closes in the period with its own
 * probability (win × timing), independently; totals over many draws give an interval, not one number.
 */
export interface ForecastItem {
  value: number;
  probability: number;
  /** Group keys the deal counts toward ("region:EMEA", "rep:Ann"); every item also counts toward "total". */
  groups: readonly string[];
}

export interface ForecastInterval {
  /** Already won in the period. */
  closedWon: number;
  /** closedWon + Σ probability × value. */
  expected: number;
  mean: number;
  /** 10th and 90th percentiles of the simulated totals: an 80% interval. */
  low: number;
  median: number;
  high: number;
  openDeals: number;
}

export interface ForecastOptions {
  iterations?: number;
  seed?: number;
  /** Won in the period so far, per group key (and "total"). */
  closedWon?: Readonly<Record<string, number>>;
}

export const TOTAL = "total";

export function monteCarloForecast(items: readonly ForecastItem[], options: ForecastOptions = {}): Record<string, ForecastInterval> {
  const iterations = options.iterations ?? 5000;
  const random = createRandom(options.seed ?? 1);
  const keys = new Set<string>([TOTAL, ...Object.keys(options.closedWon ?? {})]);
  for (const item of items) for (const g of item.groups) keys.add(g);
  const index = new Map([...keys].map((k, i) => [k, i]));
  const memberships = items.map((item) => [index.get(TOTAL)!, ...item.groups.map((g) => index.get(g)!)]);
  const sums = [...keys].map(() => new Float64Array(iterations));
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < items.length; i++) {
      if (random.next() < items[i]!.probability) for (const k of memberships[i]!) sums[k]![it]! += items[i]!.value;
    }
  }
  const out: Record<string, ForecastInterval> = {};
  for (const [key, k] of index) {
    const base = options.closedWon?.[key] ?? 0;
    const members = items.filter((_, i) => memberships[i]!.includes(k));
    const sorted = Array.from(sums[k]!, (v) => v + base).sort((a, b) => a - b);
    out[key] = {
      closedWon: base,
      expected: base + members.reduce((s, m) => s + m.probability * m.value, 0),
      mean: sorted.reduce((s, v) => s + v, 0) / iterations,
      low: quantileSorted(sorted, 0.1),
      median: quantileSorted(sorted, 0.5),
      high: quantileSorted(sorted, 0.9),
      openDeals: members.length,
    };
  }
  return out;
}
