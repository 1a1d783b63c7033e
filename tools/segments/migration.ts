import { rocAuc } from "../leads/metrics.js";
import { fitLogistic, predictProbability } from "../pipeline/logistic.js";
import { nearestTwo } from "./cluster.js";
import { accountVector, existsAt, standardize, type FeatureIndex, type Scaler } from "./features.js";
import { DAY_MS, type SegmentAccount } from "./types.js";

/**
 * Migration risk: the probability that an account sits in another segment one period from now, learned
 * from the accounts' own history. For several past periods we place each account at the start and at the
 * end of the period (nearest centroid of the current build) and label whether it moved; the inputs are its
 * position (how close to a border) and its trend over the period before. A logistic model maps them to a
 * probability — nothing here is a fixed constant.
 */
export const MIGRATION_INPUTS = ["margin", "d_recency", "d_frequency", "d_monetary", "d_open_pipeline", "d_engagement", "recency", "engagement"] as const;
export type MigrationInput = (typeof MIGRATION_INPUTS)[number];

export const PERIOD_DAYS = 90;
export const TRAINING_PERIODS = 6;
const LAMBDA = 0.05;
/** Feature order of SEGMENT_FEATURES used here. */
const F = { recency: 0, frequency: 1, monetary: 2, open_pipeline: 5, engagement: 8 } as const;

export interface MigrationModel {
  periodDays: number;
  means: number[];
  sds: number[];
  intercept: number;
  weights: number[];
  samples: number;
  moved: number;
  /** AUC on the latest period when the model is fitted on the earlier ones (null when it cannot be measured). */
  holdoutAuc: number | null;
}

/** Distance to the nearest centroid over distance to the second: near 1 means on a border. */
export function migrationInputs(zNow: readonly number[], zPrev: readonly number[], centroids: readonly (readonly number[])[]): number[] {
  const { d1, d2 } = nearestTwo(zNow, centroids);
  return [
    d2 > 0 ? d1 / d2 : 0,
    zNow[F.recency]! - zPrev[F.recency]!,
    zNow[F.frequency]! - zPrev[F.frequency]!,
    zNow[F.monetary]! - zPrev[F.monetary]!,
    zNow[F.open_pipeline]! - zPrev[F.open_pipeline]!,
    zNow[F.engagement]! - zPrev[F.engagement]!,
    zNow[F.recency]!,
    zNow[F.engagement]!,
  ];
}

interface Sample {
  period: number;
  x: number[];
  moved: 0 | 1;
}

export function migrationSamples(
  accounts: readonly SegmentAccount[],
  index: FeatureIndex,
  scaler: Scaler,
  centroids: readonly number[][],
  asOf: number,
  periods = TRAINING_PERIODS,
): Sample[] {
  const P = PERIOD_DAYS * DAY_MS;
  const z = (a: SegmentAccount, at: number) => standardize(scaler, accountVector(a, index, at).x);
  const samples: Sample[] = [];
  for (let k = 1; k <= periods; k++) {
    const start = asOf - k * P;
    for (const a of accounts) {
      if (!existsAt(a, index, start - P)) continue;
      const zStart = z(a, start);
      const moved = nearestTwo(z(a, start + P), centroids).first !== nearestTwo(zStart, centroids).first ? 1 : 0;
      samples.push({ period: k, x: migrationInputs(zStart, z(a, start - P), centroids), moved });
    }
  }
  return samples;
}

function fit(samples: readonly Sample[]): Omit<MigrationModel, "periodDays" | "samples" | "moved" | "holdoutAuc"> {
  const p = MIGRATION_INPUTS.length;
  const means = Array.from({ length: p }, (_, j) => samples.reduce((s, r) => s + r.x[j]!, 0) / samples.length);
  const sds = means.map((m, j) => Math.sqrt(samples.reduce((s, r) => s + (r.x[j]! - m) ** 2, 0) / Math.max(1, samples.length - 1)));
  const X = samples.map((r) => r.x.map((v, j) => (sds[j]! > 1e-12 ? (v - means[j]!) / sds[j]! : 0)));
  const model = fitLogistic(X, samples.map((r): number => r.moved), { lambda: LAMBDA });
  return { means, sds, intercept: model.intercept, weights: model.weights };
}

export function trainMigration(samples: readonly Sample[]): MigrationModel {
  const moved = samples.filter((s) => s.moved).length;
  if (samples.length === 0) return { periodDays: PERIOD_DAYS, means: [], sds: [], intercept: 0, weights: [], samples: 0, moved: 0, holdoutAuc: null };
  let holdoutAuc: number | null = null;
  const latest = samples.filter((s) => s.period === 1);
  const earlier = samples.filter((s) => s.period > 1);
  const bothClasses = (xs: readonly Sample[]) => xs.some((s) => s.moved) && xs.some((s) => !s.moved);
  if (bothClasses(latest) && bothClasses(earlier)) {
    const m = { periodDays: PERIOD_DAYS, ...fit(earlier), samples: 0, moved: 0, holdoutAuc: null };
    holdoutAuc = rocAuc(latest.map((s) => s.moved), latest.map((s) => migrationProbability(m, s.x)));
  }
  const base = bothClasses(samples) ? fit(samples) : { means: [], sds: [], intercept: Math.log((moved + 0.5) / (samples.length - moved + 0.5)), weights: [] };
  return { periodDays: PERIOD_DAYS, ...base, samples: samples.length, moved, holdoutAuc };
}

function standardized(model: MigrationModel, x: readonly number[]): number[] {
  return model.weights.map((_, j) => (model.sds[j]! > 1e-12 ? (x[j]! - model.means[j]!) / model.sds[j]! : 0));
}

export function migrationProbability(model: MigrationModel, x: readonly number[]): number {
  return predictProbability({ intercept: model.intercept, weights: model.weights }, standardized(model, x));
}

/** Inputs that push this account's risk up, largest first. */
export function riskDrivers(model: MigrationModel, x: readonly number[]): { input: MigrationInput; effect: number; value: number }[] {
  const xs = standardized(model, x);
  return model.weights
    .map((w, j) => ({ input: MIGRATION_INPUTS[j]!, effect: w * xs[j]!, value: x[j]! }))
    .filter((d) => d.effect > 0.05)
    .sort((a, b) => b.effect - a.effect);
}
