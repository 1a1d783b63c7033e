import { quantileSorted, median } from "./stats.js";
import { DAY_MS, isOpenStage, OPEN_STAGES, type OpenStage, type PipelineDeal } from "./types.js";

/** Why an open deal is at risk: each check gives its own plain reason. */

export interface StageNorm {
  median: number;
  p90: number;
  count: number;
}

export type StageNorms = Record<OpenStage, StageNorm>;

/** How long deals stayed in each open stage before moving on (won, lost or next stage), up to asOf. */
export function stageNorms(deals: readonly Pick<PipelineDeal, "history">[], asOf: number): StageNorms {
  const stays = new Map<OpenStage, number[]>(OPEN_STAGES.map((s) => [s, []]));
  for (const d of deals) {
    for (const span of d.history) {
      if (isOpenStage(span.stage) && span.exitedAt !== null && span.exitedAt <= asOf) stays.get(span.stage)!.push((span.exitedAt - span.enteredAt) / DAY_MS);
    }
  }
  const out = {} as StageNorms;
  for (const stage of OPEN_STAGES) {
    const sorted = stays.get(stage)!.sort((a, b) => a - b);
    out[stage] = { median: median(sorted), p90: quantileSorted(sorted, 0.9), count: sorted.length };
  }
  return out;
}

export interface RiskThresholds {
  lowProbability: number;
  quietDays: number;
  /** Predicted close this many days past the expected date counts as slipping. */
  slipDays: number;
}

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = { lowProbability: 0.25, quietDays: 21, slipDays: 14 };

export interface RiskInput {
  stage: OpenStage;
  daysInStage: number;
  ageDays: number;
  probability: number;
  daysSinceActivity: number | null;
  expectedCloseAt: number | null;
  predictedCloseAt: number;
  asOf: number;
}

export type RiskKind = "stalled" | "low_probability" | "quiet" | "overdue" | "slipping";

export interface Risk {
  kind: RiskKind;
  reason: string;
}

const MIN_NORM_DEALS = 5;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function assessRisks(d: RiskInput, norms: StageNorms, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): Risk[] {
  const risks: Risk[] = [];
  const norm = norms[d.stage];
  if (norm.count >= MIN_NORM_DEALS && d.daysInStage > norm.p90) {
    risks.push({
      kind: "stalled",
      reason: `stalled: ${Math.round(d.daysInStage)} days in ${d.stage}, where 90% of deals move on within ${Math.round(norm.p90)} (median ${Math.round(norm.median)})`,
    });
  }
  if (d.probability < t.lowProbability) risks.push({ kind: "low_probability", reason: `low close probability (${Math.round(d.probability * 100)}%)` });
  if (d.daysSinceActivity === null) {
    if (d.ageDays > t.quietDays) risks.push({ kind: "quiet", reason: "no logged activity" });
  } else if (d.daysSinceActivity > t.quietDays) {
    risks.push({ kind: "quiet", reason: `no activity for ${Math.round(d.daysSinceActivity)} days` });
  }
  if (d.expectedCloseAt !== null) {
    if (d.expectedCloseAt < d.asOf - DAY_MS) {
      risks.push({ kind: "overdue", reason: `expected close date ${day(d.expectedCloseAt)} has passed` });
    } else if (d.predictedCloseAt > d.expectedCloseAt + t.slipDays * DAY_MS) {
      risks.push({ kind: "slipping", reason: `likely to slip: predicted close ${day(d.predictedCloseAt)}, expected ${day(d.expectedCloseAt)}` });
    }
  }
  return risks;
}
