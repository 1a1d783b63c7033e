import { mean } from "./stats.js";
import { DAY_MS, isOpenStage, OPEN_STAGES, type OpenStage, type PipelineDeal } from "./types.js";

/** Pipeline totals and velocity: pure functions of deals and their predicted probabilities. */

export interface ScoredOpenDeal {
  stage: OpenStage;
  amount: number;
  probability: number;
}

export interface StageSummary {
  stage: OpenStage;
  count: number;
  amount: number;
  weighted: number;
}

export function weightedPipeline(deals: readonly ScoredOpenDeal[]): { count: number; total: number; weighted: number } {
  let total = 0;
  let weighted = 0;
  for (const d of deals) {
    total += d.amount;
    weighted += d.amount * d.probability;
  }
  return { count: deals.length, total, weighted };
}

export function stageDistribution(deals: readonly ScoredOpenDeal[]): StageSummary[] {
  return OPEN_STAGES.map((stage) => {
    const { count, total, weighted } = weightedPipeline(deals.filter((d) => d.stage === stage));
    return { stage, count, amount: total, weighted };
  });
}

/** Revenue the pipeline produces per day: opportunities × win rate × average won size ÷ cycle length. */
export function salesVelocity(opportunities: number, winRate: number, averageWonSize: number, cycleDays: number): number {
  return cycleDays > 0 ? (opportunities * winRate * averageWonSize) / cycleDays : 0;
}

export interface Velocity {
  /** Closed deals the figures come from. */
  closedDeals: number;
  won: number;
  winRate: number;
  averageWonSize: number;
  cycleDays: number;
  /** Mean days a deal spends in each open stage (null when none left it in the window). */
  daysPerStage: Record<OpenStage, number | null>;
  openDeals: number;
  salesVelocityPerDay: number;
  windowDays: number;
}

const MIN_WINDOW_DEALS = 20;

/**
 * Velocity over the closings of the last `windowDays` before asOf; when the window holds too few
 * (a stale export), over every closing before asOf.
 */
export function pipelineVelocity(deals: readonly PipelineDeal[], asOf: number, openDeals: number, windowDays = 365): Velocity {
  const before = deals.filter((d) => d.closedAt !== null && (d.stage === "won" || d.stage === "lost") && d.closedAt <= asOf);
  let from = asOf - windowDays * DAY_MS;
  let closed = before.filter((d) => d.closedAt! > from);
  if (closed.length < MIN_WINDOW_DEALS) {
    closed = before;
    from = Math.min(asOf, ...before.map((d) => d.engagedAt));
  }
  const won = closed.filter((d) => d.stage === "won");
  const winRate = closed.length ? won.length / closed.length : 0;
  const averageWonSize = won.length ? mean(won.map((d) => d.closeValue ?? d.amount)) : 0;
  const cycleDays = won.length ? mean(won.map((d) => (d.closedAt! - d.engagedAt) / DAY_MS)) : 0;
  const stays = new Map<OpenStage, number[]>(OPEN_STAGES.map((s) => [s, []]));
  for (const d of deals) {
    for (const span of d.history) {
      if (isOpenStage(span.stage) && span.exitedAt !== null && span.exitedAt > from && span.exitedAt <= asOf) {
        stays.get(span.stage)!.push((span.exitedAt - span.enteredAt) / DAY_MS);
      }
    }
  }
  const daysPerStage = Object.fromEntries(OPEN_STAGES.map((s) => [s, stays.get(s)!.length ? mean(stays.get(s)!) : null])) as Record<OpenStage, number | null>;
  return {
    closedDeals: closed.length,
    won: won.length,
    winRate,
    averageWonSize,
    cycleDays,
    daysPerStage,
    openDeals,
    salesVelocityPerDay: salesVelocity(openDeals, winRate, averageWonSize, cycleDays),
    windowDays: Math.round((asOf - from) / DAY_MS),
  };
}
