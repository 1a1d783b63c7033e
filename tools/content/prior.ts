import type { ContentChannel, ContentMetric } from "../../src/core/content.js";
import { FEATURES } from "./features.js";

/**
 * The prior the performance model starts from, before a deployment has recorded outcomes of its own.
 *
 * BUILT-IN PRIOR — constants, not fitted to any data. Base rates are typical published B2B benchmarks
 * (email open ≈ 20 %, click ≈ 2–3 %; search-ad CTR ≈ 3 %; SMS click ≈ 5–6 %), segment lifts and feature
 * effects are modest assumptions. Wide intervals say so. `salesgraph content prior` replaces the segment
 * lifts with ones fitted on the iFood marketing-campaign responses when that data is available.
 */
export interface ContentPrior {
  /** "built-in" or a description of the data it was fitted on. */
  source: string;
  basis: "built-in prior" | "fitted prior";
  baseRates: Record<ContentChannel, Record<ContentMetric, number>>;
  /** Log-odds lift of a segment (by label, lower case) over the average audience. */
  segmentLifts: Record<string, number>;
  /** Standard deviation of the intercept's prior, in log-odds. */
  interceptSd: number;
  /** Prior mean effect of each feature (log-odds per unit), per metric. */
  featureEffects: Record<ContentMetric, number[]>;
  featureSd: number;
  fitted?: { rows: number; overallRate: number; segments: Record<string, { n: number; rate: number }> };
}

const email = { open: 0.21, click: 0.025, conversion: 0.005 };

export const BUILT_IN_PRIOR: ContentPrior = {
  source: "built-in constants (typical B2B benchmarks and assumptions; not fitted to data)",
  basis: "built-in prior",
  baseRates: {
    subject: email,
    email,
    follow_up: { open: 0.45, click: 0.08, conversion: 0.03 },
    sms: { open: 0.9, click: 0.055, conversion: 0.01 },
    linkedin: { open: 0.3, click: 0.02, conversion: 0.003 },
    ad: { open: 1, click: 0.03, conversion: 0.004 },
  },
  segmentLifts: {
    "key accounts": 0.3,
    "growth accounts": 0.2,
    "engaged, not buying": 0.15,
    "small and steady": 0,
    "enterprise prospects": -0.1,
    "not yet converted": -0.2,
    "occasional buyers": -0.25,
    "lapsed customers": -0.35,
  },
  interceptSd: 0.5,
  // FEATURES order: length, question, personalised, urgency, offer, number
  featureEffects: {
    open: [-0.15, 0.05, 0.1, 0.08, 0.05, 0.05],
    click: [-0.1, 0.05, 0.05, 0.05, 0.12, 0.05],
    conversion: [-0.05, 0, 0.05, 0.05, 0.15, 0.05],
  },
  featureSd: 0.25,
};

if (BUILT_IN_PRIOR.featureEffects.open.length !== FEATURES.length) throw new Error("prior effects out of step with FEATURES");

export function segmentLift(prior: ContentPrior, segment: string): number {
  const key = segment.toLowerCase();
  if (key in prior.segmentLifts) return prior.segmentLifts[key]!;
  const partial = Object.keys(prior.segmentLifts).find((k) => k.includes(key) || key.includes(k));
  return partial ? prior.segmentLifts[partial]! : 0;
}
