import { nextBestActions } from "./actions.js";
import { assessRisks, DEFAULT_RISK_THRESHOLDS, type Risk, type RiskThresholds, type StageNorms } from "./at-risk.js";
import { scoreSnapshot, type CloseModel } from "./close-model.js";
import { predictSize } from "./deal-size.js";
import { topDrivers, type Driver } from "./explain.js";
import type { OutcomeHistory } from "./outcome-history.js";
import { currentSnapshot, lastActivityBefore } from "./snapshots.js";
import { closeTiming } from "./timing.js";
import { DAY_MS, type OpenStage, type PipelineDeal } from "./types.js";

/** What the model says about one open deal, with the reasons behind it. */
export interface DealPrediction {
  id: string;
  name: string;
  account: string;
  product: string;
  owner: string;
  manager: string | null;
  region: string;
  stage: OpenStage;
  amount: number;
  probability: number;
  predictedSize: number;
  predictedCloseDate: string;
  expectedCloseDate: string | null;
  ageDays: number;
  daysInStage: number;
  daysSinceActivity: number | null;
  nextStep: string | null;
  risks: Risk[];
  drivers: Driver[];
  nextBestActions: string[];
}

export interface PredictionContext {
  model: CloseModel;
  asOf: number;
  history: OutcomeHistory;
  norms: StageNorms;
  thresholds?: RiskThresholds;
}

const DEFAULT_DAYS_TO_CLOSE = 30;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** P(the deal is won and closes in [start, end)), from the win probability and the time-to-close sample. */
export function probabilityInPeriod(ctx: Pick<PredictionContext, "model" | "asOf">, p: Pick<DealPrediction, "stage" | "product" | "daysInStage" | "probability">, start: number, end: number): number {
  if (end <= ctx.asOf) return 0;
  const timing = closeTiming(ctx.model.timing, p.stage, p.product, p.daysInStage);
  const upTo = (t: number) => (t <= ctx.asOf ? 0 : timing.within((t - ctx.asOf) / DAY_MS));
  return p.probability * Math.max(0, upTo(end) - upTo(start));
}

export function predictDeal(deal: PipelineDeal, ctx: PredictionContext): DealPrediction | undefined {
  const snapshot = currentSnapshot(deal, ctx.asOf);
  if (!snapshot) return undefined;
  const { probability, contributions } = scoreSnapshot(ctx.model, snapshot, ctx.history);
  const daysInStage = Math.max(0, (snapshot.at - deal.stageEnteredAt) / DAY_MS);
  const ageDays = Math.max(0, (snapshot.at - deal.engagedAt) / DAY_MS);
  const last = lastActivityBefore(deal.activities, snapshot.at + 1);
  const daysSinceActivity = last === null ? null : Math.max(0, (snapshot.at - last) / DAY_MS);
  const timing = closeTiming(ctx.model.timing, snapshot.stage, deal.product, daysInStage);
  const days = Number.isFinite(timing.medianDays) ? timing.medianDays : DEFAULT_DAYS_TO_CLOSE;
  const predictedCloseAt = ctx.asOf + Math.max(1, Math.round(days)) * DAY_MS;
  const risks = assessRisks(
    { stage: snapshot.stage, daysInStage, ageDays, probability, daysSinceActivity, expectedCloseAt: deal.expectedCloseAt, predictedCloseAt, asOf: ctx.asOf },
    ctx.norms,
    ctx.thresholds ?? DEFAULT_RISK_THRESHOLDS,
  );
  const drivers = topDrivers(contributions);
  return {
    id: deal.id,
    name: deal.name,
    account: deal.account,
    product: deal.product,
    owner: deal.rep,
    manager: deal.manager,
    region: deal.region,
    stage: snapshot.stage,
    amount: deal.amount,
    probability: Math.round(probability * 1000) / 1000,
    predictedSize: Math.round(predictSize(ctx.model.size, deal)),
    predictedCloseDate: isoDay(predictedCloseAt),
    expectedCloseDate: deal.expectedCloseAt === null ? null : isoDay(deal.expectedCloseAt),
    ageDays: Math.floor(ageDays),
    daysInStage: Math.floor(daysInStage),
    daysSinceActivity: daysSinceActivity === null ? null : Math.floor(daysSinceActivity),
    nextStep: deal.nextStep,
    risks,
    drivers,
    nextBestActions: nextBestActions({ stage: snapshot.stage, risks, drivers, nextStep: deal.nextStep }),
  };
}
