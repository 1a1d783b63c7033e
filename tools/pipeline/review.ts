import type { ProbabilityReport } from "./evaluation.js";
import { monteCarloForecast, TOTAL, type ForecastInterval, type ForecastItem } from "./forecast.js";
import { pipelineVelocity, stageDistribution, weightedPipeline, type StageSummary, type Velocity } from "./health.js";
import type { Period } from "./period.js";
import { predictDeal, probabilityInPeriod, type DealPrediction, type PredictionContext } from "./predict.js";
import { closeTiming } from "./timing.js";
import { DAY_MS, type PipelineDeal } from "./types.js";

/** Pipeline health for a scope (everyone, a region, a manager's team or a rep) and a forecast period. */
export interface ReviewScope {
  region?: string;
  manager?: string;
  rep?: string;
}

export interface RiskyDeal {
  id: string;
  name: string;
  account: string;
  owner: string;
  stage: string;
  amount: number;
  probability: number;
  reasons: string[];
}

export interface SlippingDeal extends RiskyDeal {
  expectedCloseDate: string | null;
  predictedCloseDate: string;
  /** P(won and closed before the period ends). */
  probabilityInPeriod: number;
}

export interface GroupForecast extends ForecastInterval {
  key: string;
}

export interface PipelineReview {
  asOf: string;
  period: { label: string; start: string; end: string };
  scope: ReviewScope;
  model: { trainedAt: string; holdout?: Pick<ProbabilityReport, "auc" | "brier" | "baselineBrier"> };
  pipeline: { count: number; total: number; weighted: number };
  stages: StageSummary[];
  velocity: Velocity;
  atRisk: RiskyDeal[];
  atRiskCount: number;
  slipping: SlippingDeal[];
  slippingCount: number;
  forecast: { total: ForecastInterval; byRegion: GroupForecast[]; byManager: GroupForecast[]; byRep: GroupForecast[]; iterations: number; seed: number };
}

export interface ReviewOptions {
  period: Period;
  scope?: ReviewScope;
  seed?: number;
  iterations?: number;
  listLimit?: number;
  holdout?: Pick<ProbabilityReport, "auc" | "brier" | "baselineBrier">;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const same = (a: string | null, b: string | undefined) => b === undefined || (a !== null && a.toLowerCase() === b.toLowerCase());

export function inScope(deal: Pick<PipelineDeal, "region" | "manager" | "rep">, scope: ReviewScope): boolean {
  return same(deal.region, scope.region) && same(deal.manager, scope.manager) && same(deal.rep, scope.rep);
}

function risky(p: DealPrediction, reasons: string[]): RiskyDeal {
  return { id: p.id, name: p.name, account: p.account, owner: p.owner, stage: p.stage, amount: p.amount, probability: p.probability, reasons };
}

function groups(f: Record<string, ForecastInterval>, prefix: string): GroupForecast[] {
  return Object.entries(f)
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, v]) => ({ key: k.slice(prefix.length), ...v }))
    .sort((a, b) => b.expected - a.expected);
}

export function buildReview(allDeals: readonly PipelineDeal[], ctx: PredictionContext, options: ReviewOptions): PipelineReview {
  const scope = options.scope ?? {};
  const { period, seed = 1, iterations = 5000, listLimit = 10 } = options;
  const deals = allDeals.filter((d) => inScope(d, scope) && d.engagedAt <= ctx.asOf);
  const predictions = deals.map((d) => predictDeal(d, ctx)).filter((p): p is DealPrediction => p !== undefined);
  const scored = predictions.map((p) => ({ stage: p.stage, amount: p.amount, probability: p.probability }));

  const atRisk = predictions
    .filter((p) => p.risks.length > 0)
    .sort((a, b) => b.amount * (1 - b.probability) - a.amount * (1 - a.probability))
    .map((p) => risky(p, p.risks.map((r) => r.reason)));

  const slipping: SlippingDeal[] = [];
  for (const p of predictions) {
    const deal = deals.find((d) => d.id === p.id)!;
    if (deal.expectedCloseAt === null || deal.expectedCloseAt >= period.end) continue;
    const timing = closeTiming(ctx.model.timing, p.stage, p.product, p.daysInStage);
    const inTime = period.end <= ctx.asOf ? 0 : timing.within((period.end - ctx.asOf) / DAY_MS);
    if (inTime >= 0.5 && p.probability >= 0.25) continue;
    const reasons = [
      deal.expectedCloseAt < ctx.asOf - DAY_MS ? `expected close ${p.expectedCloseDate} has passed` : `expected ${p.expectedCloseDate}`,
      inTime < 0.5 ? `predicted close ${p.predictedCloseDate}, after ${isoDay(period.end - DAY_MS)}` : `only ${Math.round(p.probability * 100)}% likely to be won`,
    ];
    slipping.push({ ...risky(p, reasons), expectedCloseDate: p.expectedCloseDate, predictedCloseDate: p.predictedCloseDate, probabilityInPeriod: Math.round(p.probability * inTime * 1000) / 1000 });
  }
  slipping.sort((a, b) => b.amount - a.amount);

  const items: ForecastItem[] = predictions.map((p) => ({
    value: p.predictedSize,
    probability: probabilityInPeriod(ctx, p, period.start, period.end),
    groups: [`region:${p.region}`, `manager:${p.manager ?? "(none)"}`, `rep:${p.owner}`],
  }));
  const closedWon: Record<string, number> = {};
  const addWon = (key: string, v: number) => (closedWon[key] = (closedWon[key] ?? 0) + v);
  for (const d of deals) {
    if (d.stage !== "won" || d.closedAt === null || d.closedAt < period.start || d.closedAt >= period.end || d.closedAt > ctx.asOf) continue;
    const v = d.closeValue ?? d.amount;
    for (const key of [TOTAL, `region:${d.region}`, `manager:${d.manager ?? "(none)"}`, `rep:${d.rep}`]) addWon(key, v);
  }
  const forecast = monteCarloForecast(items.filter((i) => i.probability > 0), { seed, iterations, closedWon });

  return {
    asOf: new Date(ctx.asOf).toISOString(),
    period: { label: period.label, start: isoDay(period.start), end: isoDay(period.end) },
    scope,
    model: { trainedAt: ctx.model.trainedAt, ...(options.holdout ? { holdout: options.holdout } : {}) },
    pipeline: weightedPipeline(scored),
    stages: stageDistribution(scored),
    velocity: pipelineVelocity(deals, ctx.asOf, predictions.length),
    atRisk: atRisk.slice(0, listLimit),
    atRiskCount: atRisk.length,
    slipping: slipping.slice(0, listLimit),
    slippingCount: slipping.length,
    forecast: {
      total: forecast[TOTAL]!,
      byRegion: groups(forecast, "region:"),
      byManager: groups(forecast, "manager:"),
      byRep: groups(forecast, "rep:"),
      iterations,
      seed,
    },
  };
}
