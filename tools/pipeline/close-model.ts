import { z } from "zod";
import { BadInputError } from "../../src/core/errors.js";
import { encode, rawFeatures, type FeatureSpec } from "./features.js";
import { linearScore, sigmoid } from "./logistic.js";
import type { OutcomeHistory } from "./outcome-history.js";
import type { DealSnapshot } from "./snapshots.js";

/** The stored close-probability model (`models` kind `deal-close`): features, coefficients, timing and size. */
export const DEAL_CLOSE_KIND = "deal-close";

const Num = z.number().finite();

export const CloseModelSchema = z.object({
  version: z.literal(1),
  trainedAt: z.string(),
  /** Outcomes known up to this moment were used. */
  asOf: z.string(),
  spec: z.object({
    levels: z.object({
      stage: z.array(z.string()),
      product: z.array(z.string()),
      sector: z.array(z.string()),
      account_region: z.array(z.string()),
      region: z.array(z.string()),
    }),
    means: z.array(Num),
    sds: z.array(Num),
    cycleDays: z.record(z.string(), Num),
    defaultCycleDays: Num,
  }),
  names: z.array(z.string()),
  intercept: Num,
  weights: z.array(Num),
  lambda: Num,
  baseRate: Num,
  trainingDeals: z.number().int(),
  trainingSnapshots: z.number().int(),
  timing: z.object({ samples: z.record(z.string(), z.array(z.tuple([Num, Num]))) }),
  size: z.object({
    ratio: Num,
    ratioByProduct: z.record(z.string(), Num),
    wonValue: Num,
    wonValueByProduct: z.record(z.string(), Num),
  }),
});
export type CloseModel = z.infer<typeof CloseModelSchema>;

export function parseCloseModel(json: unknown, source: string): CloseModel {
  const parsed = CloseModelSchema.safeParse(json);
  if (!parsed.success) throw new BadInputError(`${source} is not a deal-close model: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
  if (parsed.data.weights.length !== parsed.data.names.length) throw new BadInputError(`${source}: weights and feature names differ in length`);
  return parsed.data;
}

export interface Contribution {
  feature: string;
  /** Effect on the log-odds against an average deal (standardised feature × weight). */
  effect: number;
}

export interface SnapshotScore {
  probability: number;
  contributions: Contribution[];
}

export function scoreSnapshot(model: CloseModel, snapshot: DealSnapshot, history: OutcomeHistory): SnapshotScore {
  const spec = model.spec as FeatureSpec;
  const x = encode(spec, rawFeatures(snapshot, history, spec));
  const fit = { intercept: model.intercept, weights: model.weights };
  const contributions = model.names
    .map((feature, j) => ({ feature, effect: model.weights[j]! * x[j]! }))
    .filter((c) => Math.abs(c.effect) > 1e-9)
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  return { probability: sigmoid(linearScore(fit, x)), contributions };
}
