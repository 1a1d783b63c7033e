import { median } from "./stats.js";
import { DAY_MS, isOpenStage, type PipelineDeal } from "./types.js";

/**
 * Time to close, learned from won deals: for every open stage a won deal passed through, how long it stayed
 * (`stay`) and how long from entering that stage to the close (`toClose`). An open deal that has already
 * spent d days in its stage is compared only with won deals that stayed longer than d.
 */
export interface TimingModel {
  /** Keyed by `stage` and `stage|product`: [stayDays, toCloseDays] pairs sorted by stay. */
  samples: Record<string, [number, number][]>;
}

const MIN_SAMPLES = 10;
const MAX_SAMPLES_PER_GROUP = 400;

function thin(pairs: [number, number][]): [number, number][] {
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pairs.length <= MAX_SAMPLES_PER_GROUP) return pairs;
  const step = pairs.length / MAX_SAMPLES_PER_GROUP;
  return Array.from({ length: MAX_SAMPLES_PER_GROUP }, (_, i) => pairs[Math.floor(i * step)]!);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function fitTiming(deals: readonly PipelineDeal[]): TimingModel {
  const groups = new Map<string, [number, number][]>();
  const add = (key: string, pair: [number, number]) => {
    const list = groups.get(key);
    if (list) list.push(pair);
    else groups.set(key, [pair]);
  };
  for (const d of deals) {
    if (d.stage !== "won" || d.closedAt === null) continue;
    for (const span of d.history) {
      if (!isOpenStage(span.stage) || span.exitedAt === null) continue;
      const pair: [number, number] = [round1((span.exitedAt - span.enteredAt) / DAY_MS), round1((d.closedAt - span.enteredAt) / DAY_MS)];
      add(span.stage, pair);
      add(`${span.stage}|${d.product}`, pair);
    }
  }
  const samples: Record<string, [number, number][]> = {};
  for (const [key, pairs] of [...groups].sort(([a], [b]) => a.localeCompare(b))) samples[key] = thin(pairs);
  return { samples };
}

/** Days left until a win closes, as a sorted sample, for a deal `daysInStage` into `stage`. */
export function remainingDays(model: TimingModel, stage: string, product: string, daysInStage: number): number[] {
  const pick = (pairs: [number, number][] | undefined) => {
    if (!pairs) return undefined;
    const still = pairs.filter(([stay]) => stay > daysInStage).map(([, toClose]) => toClose - daysInStage);
    if (still.length >= MIN_SAMPLES) return still;
    return undefined;
  };
  const exact = pick(model.samples[`${stage}|${product}`]) ?? pick(model.samples[stage]);
  if (exact) return exact.sort((a, b) => a - b);
  // Longer in this stage than almost any won deal: assume it moves on now and needs what usually follows.
  const after = (model.samples[`${stage}|${product}`]?.length ?? 0) >= MIN_SAMPLES ? model.samples[`${stage}|${product}`]! : (model.samples[stage] ?? []);
  return after.map(([stay, toClose]) => Math.max(0, toClose - stay)).sort((a, b) => a - b);
}

export interface CloseTiming {
  /** Median days to close if won; NaN when nothing is known about the stage. */
  medianDays: number;
  /** P(a win closes within `days` from now). */
  within(days: number): number;
}

export function closeTiming(model: TimingModel, stage: string, product: string, daysInStage: number): CloseTiming {
  const sample = remainingDays(model, stage, product, daysInStage);
  return {
    medianDays: median(sample),
    within(days) {
      if (sample.length === 0) return 0.5;
      let n = 0;
      while (n < sample.length && sample[n]! <= days) n++;
      return n / sample.length;
    },
  };
}
