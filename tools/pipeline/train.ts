import { BadInputError } from "../../src/core/errors.js";
import type { CloseModel } from "./close-model.js";
import { fitSize } from "./deal-size.js";
import { evaluateProbabilities, type ProbabilityReport } from "./evaluation.js";
import { encode, featureNames, fitFeatureSpec, rawFeatures, type FeatureSpec } from "./features.js";
import { fitLogistic, linearScore, sigmoid, type LogisticModel } from "./logistic.js";
import { buildOutcomeHistory, type OutcomeHistory } from "./outcome-history.js";
import { createRandom } from "./random.js";
import { landmarkSnapshots, wonLabel, type DealSnapshot } from "./snapshots.js";
import { median, quantileSorted } from "./stats.js";
import { fitTiming } from "./timing.js";
import { DAY_MS, isClosed, type PipelineDeal } from "./types.js";

/**
 * Training the close-probability model on closed deals. Quality is measured on a split by time: the model
 * is fitted on deals closed before a cutoff and scored on every snapshot of later deals taken at or after
 * it, so nothing it learns comes from the future of what it predicts. The stored model is then refitted
 * on every closed deal.
 */
export const LAMBDAS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1] as const;
export const MIN_CLOSED_DEALS = 40;
const DEFAULT_LAMBDA = 0.01;

export interface HoldoutReport extends ProbabilityReport {
  cutoff: string;
  trainDeals: number;
  testDeals: number;
  /** AUC on each held-out deal's first snapshot after the cutoff (one row per deal). */
  dealLevelAuc: number;
}

export interface CloseModelMetrics {
  holdout: HoldoutReport;
  lambda: number;
  closedDeals: number;
  snapshots: number;
  winRate: number;
}

export interface TrainOptions {
  /** Outcomes known at this moment are used; later ones are ignored. */
  asOf: number;
  trainedAt?: Date;
  holdoutShare?: number;
  lambdas?: readonly number[];
}

interface Fitted {
  spec: FeatureSpec;
  fit: LogisticModel;
  lambda: number;
  snapshots: number;
  baseRate: number;
}

function cycleDaysByProduct(deals: readonly PipelineDeal[]): Pick<FeatureSpec, "cycleDays" | "defaultCycleDays"> {
  const byProduct = new Map<string, number[]>();
  const all: number[] = [];
  for (const d of deals) {
    if (d.stage !== "won" || d.closedAt === null) continue;
    const days = (d.closedAt - d.engagedAt) / DAY_MS;
    all.push(days);
    byProduct.set(d.product, [...(byProduct.get(d.product) ?? []), days]);
  }
  const cycleDays: Record<string, number> = {};
  for (const [product, xs] of [...byProduct].sort(([a], [b]) => a.localeCompare(b))) if (xs.length >= 5) cycleDays[product] = median(xs);
  return { cycleDays, defaultCycleDays: all.length ? median(all) : 30 };
}

function design(snaps: readonly DealSnapshot[], history: OutcomeHistory, spec: FeatureSpec) {
  return { X: snaps.map((s) => encode(spec, rawFeatures(s, history, spec))), y: snaps.map((s): number => wonLabel(s.deal)) };
}

function logLoss(y: readonly number[], p: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s -= Math.log(Math.min(1 - 1e-12, Math.max(1e-12, y[i] ? p[i]! : 1 - p[i]!)));
  return s / y.length;
}

function fitWith(deals: readonly PipelineDeal[], history: OutcomeHistory, lambda: number): Fitted {
  const cycle = cycleDaysByProduct(deals);
  const snaps = deals.flatMap(landmarkSnapshots);
  const spec = fitFeatureSpec(
    snaps.map((s) => rawFeatures(s, history, cycle)),
    cycle,
  );
  const { X, y } = design(snaps, history, spec);
  const fit = fitLogistic(X, y, { lambda });
  return { spec, fit, lambda, snapshots: snaps.length, baseRate: y.reduce((a, b) => a + b, 0) / y.length };
}

export interface Split {
  cutoff: number;
  train: PipelineDeal[];
  test: DealSnapshot[];
}

/** Deals closed before the cutoff train; snapshots of later-closing deals taken at or after it test. */
export function splitByTime(closed: readonly PipelineDeal[], share: number): Split {
  const times = closed.map((d) => d.closedAt!).sort((a, b) => a - b);
  const cutoff = quantileSorted(times, 1 - share);
  const train = closed.filter((d) => d.closedAt! < cutoff);
  const test = closed.filter((d) => d.closedAt! >= cutoff).flatMap((d) => landmarkSnapshots(d).filter((s) => s.at >= cutoff));
  return { cutoff, train, test };
}

/** Deals drawn at random (seeded) test with all their snapshots; the rest train. Ignores time order. */
export function splitRandomly(closed: readonly PipelineDeal[], share: number, seed: number): Split {
  const random = createRandom(seed);
  const order = closed.map((d) => ({ d, u: random.next() })).sort((a, b) => a.u - b.u);
  const n = Math.round(closed.length * share);
  const test = order.slice(0, n).map((o) => o.d);
  const train = order.slice(n).map((o) => o.d);
  return { cutoff: NaN, train, test: test.flatMap(landmarkSnapshots) };
}

function usable(deals: readonly PipelineDeal[]): boolean {
  const won = deals.filter((d) => d.stage === "won").length;
  return deals.length >= 20 && won >= 5 && deals.length - won >= 5;
}

/** λ with the lowest log-loss on the latest 20% of the given deals, fitted on the earlier 80%. */
function chooseLambda(deals: readonly PipelineDeal[], history: OutcomeHistory, lambdas: readonly number[]): number {
  const { train, test } = splitByTime(deals, 0.2);
  if (!usable(train) || test.length < 20) return DEFAULT_LAMBDA;
  let best = { lambda: DEFAULT_LAMBDA, loss: Infinity };
  for (const lambda of lambdas) {
    const fitted = fitWith(train, history, lambda);
    const { X, y } = design(test, history, fitted.spec);
    const loss = logLoss(y, X.map((x) => sigmoid(linearScore(fitted.fit, x))));
    if (loss < best.loss - 1e-9) best = { lambda, loss };
  }
  return best.lambda;
}

function fitSelected(deals: readonly PipelineDeal[], history: OutcomeHistory, lambdas: readonly number[]): Fitted {
  return fitWith(deals, history, chooseLambda(deals, history, lambdas));
}

export function holdoutReport(split: Split, history: OutcomeHistory, lambdas: readonly number[] = LAMBDAS): HoldoutReport & { lambda: number } {
  if (!usable(split.train) || split.test.length < 10) {
    throw new BadInputError(`too few closed deals before the hold-out cutoff to train a close-probability model (${split.train.length})`);
  }
  const fitted = fitSelected(split.train, history, lambdas);
  const { X, y } = design(split.test, history, fitted.spec);
  const p = X.map((x) => sigmoid(linearScore(fitted.fit, x)));
  const firstIndex = new Map<string, number>();
  split.test.forEach((s, i) => {
    if (!firstIndex.has(s.deal.id)) firstIndex.set(s.deal.id, i);
  });
  const first = [...firstIndex.values()];
  const dealLevel = evaluateProbabilities(first.map((i) => y[i]!), first.map((i) => p[i]!), fitted.baseRate);
  return {
    ...evaluateProbabilities(y, p, fitted.baseRate),
    cutoff: Number.isFinite(split.cutoff) ? new Date(split.cutoff).toISOString() : "random",
    trainDeals: split.train.length,
    testDeals: first.length,
    dealLevelAuc: dealLevel.auc,
    lambda: fitted.lambda,
  };
}

export function trainCloseModel(deals: readonly PipelineDeal[], options: TrainOptions): { model: CloseModel; metrics: CloseModelMetrics } {
  const closed = deals.filter((d) => isClosed(d) && d.closedAt !== null && d.closedAt <= options.asOf);
  const won = closed.filter((d) => d.stage === "won").length;
  if (closed.length < MIN_CLOSED_DEALS || won < 10 || closed.length - won < 10) {
    throw new BadInputError(
      `a close-probability model needs at least ${MIN_CLOSED_DEALS} closed deals with 10 won and 10 lost; the CRM has ${closed.length} (${won} won)`,
    );
  }
  const lambdas = options.lambdas ?? LAMBDAS;
  const history = buildOutcomeHistory(closed);
  const { lambda, ...holdout } = holdoutReport(splitByTime(closed, options.holdoutShare ?? 0.2), history, lambdas);
  // the penalty chosen on the earlier deals serves the final fit too: one search, not two
  const final = fitWith(closed, history, lambda);
  const model: CloseModel = {
    version: 1,
    trainedAt: (options.trainedAt ?? new Date(options.asOf)).toISOString(),
    asOf: new Date(options.asOf).toISOString(),
    spec: final.spec,
    names: featureNames(final.spec),
    intercept: final.fit.intercept,
    weights: final.fit.weights,
    lambda: final.lambda,
    baseRate: final.baseRate,
    trainingDeals: closed.length,
    trainingSnapshots: final.snapshots,
    timing: fitTiming(closed),
    size: fitSize(closed),
  };
  return {
    model,
    metrics: { holdout, lambda: final.lambda, closedDeals: closed.length, snapshots: final.snapshots, winRate: won / closed.length },
  };
}
