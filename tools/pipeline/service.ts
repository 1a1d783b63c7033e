import type pg from "pg";
import type { Clock } from "../../src/core/clock.js";
import { createModelsRepo } from "../../src/infra/postgres/models-repo.js";
import { matchNames } from "../crm/name-match.js";
import { stageNorms } from "./at-risk.js";
import { DEAL_CLOSE_KIND, parseCloseModel, type CloseModel } from "./close-model.js";
import { buildOutcomeHistory } from "./outcome-history.js";
import { parsePeriod, type Period } from "./period.js";
import { predictDeal, probabilityInPeriod, type DealPrediction, type PredictionContext } from "./predict.js";
import { effectiveAsOf, loadPipelineDeals } from "./repo.js";
import { buildReview, inScope, type PipelineReview, type ReviewScope } from "./review.js";
import { trainCloseModel, type CloseModelMetrics } from "./train.js";
import type { PipelineDeal } from "./types.js";

/** The pipeline skill over the CRM database: train and store the model, review the pipeline, predict deals. */

export interface ActiveModel {
  id: string;
  model: CloseModel;
  metrics: CloseModelMetrics | undefined;
  /** True when this call trained it (no model was stored yet). */
  trainedNow: boolean;
}

export interface Loaded {
  deals: PipelineDeal[];
  asOf: number;
  /** The CRM is an old export: figures are as of its newest record, not the clock. */
  snapshot: boolean;
}

export interface PredictOptions {
  /** Account or deal named in free text; without it, every open deal. */
  query?: string;
  dealIds?: readonly string[];
  scope?: ReviewScope;
  period?: string;
  limit?: number;
  asOf?: number;
}

export interface DealPredictions {
  asOf: string;
  model: { id: string; trainedAt: string; holdoutAuc: number | null; trainedNow: boolean };
  accounts: string[];
  period?: { label: string; start: string; end: string };
  deals: (DealPrediction & { probabilityInPeriod?: number })[];
  totalMatched: number;
}

export function createPipelineService(deps: { pool: pg.Pool; clock: Clock; trainIfMissing?: boolean }) {
  const models = createModelsRepo(deps.pool);
  let cached: { id: string; model: CloseModel } | undefined;

  async function load(asOfOverride?: number): Promise<Loaded> {
    const deals = await loadPipelineDeals(deps.pool);
    if (asOfOverride !== undefined) return { deals, asOf: asOfOverride, snapshot: false };
    return { deals, ...effectiveAsOf(deals, deps.clock.now().getTime()) };
  }

  async function train(loaded?: Loaded): Promise<ActiveModel> {
    const { deals, asOf } = loaded ?? (await load());
    const { model, metrics } = trainCloseModel(deals, { asOf, trainedAt: deps.clock.now() });
    const id = `${DEAL_CLOSE_KIND}-${model.trainedAt.replace(/[^0-9]/g, "").slice(0, 14)}`;
    await models.save({ id, kind: DEAL_CLOSE_KIND, name: "deal close probability", artefact: model, metrics });
    cached = { id, model };
    return { id, model, metrics, trainedNow: true };
  }

  async function active(loaded: Loaded): Promise<ActiveModel | undefined> {
    const stored = await models.latest(DEAL_CLOSE_KIND);
    if (!stored) return deps.trainIfMissing === false ? undefined : train(loaded);
    if (cached?.id !== stored.id) cached = { id: stored.id, model: parseCloseModel(stored.artefact, `stored model ${stored.id}`) };
    return { id: stored.id, model: cached.model, metrics: stored.metrics as CloseModelMetrics | undefined, trainedNow: false };
  }

  function context(loaded: Loaded, model: CloseModel): PredictionContext {
    const closed = loaded.deals.filter((d) => d.closedAt !== null && d.closedAt <= loaded.asOf);
    return { model, asOf: loaded.asOf, history: buildOutcomeHistory(closed), norms: stageNorms(loaded.deals, loaded.asOf) };
  }

  async function requireModel(loaded: Loaded): Promise<ActiveModel> {
    const m = await active(loaded);
    if (!m) throw new Error("no deal-close model is stored: run `salesgraph pipeline train`");
    return m;
  }

  return {
    load,
    train,

    /** The CRM's own spelling of a region, manager or rep typed by someone (exact, then fuzzy). */
    async resolveName(kind: "region" | "manager" | "rep", value: string): Promise<string | undefined> {
      const { rows } = await deps.pool.query<{ name: string; region: string; role: string }>("select name, region, role from reps");
      const candidates = kind === "region" ? [...new Set(rows.map((r) => r.region))] : rows.filter((r) => r.role === kind).map((r) => r.name);
      return candidates.find((c) => c.toLowerCase() === value.trim().toLowerCase()) ?? matchNames(value, candidates)[0]?.name;
    },

    /** Region, manager and rep names the question mentions (fuzzy), for scoping a review. */
    async resolveScope(text: string): Promise<ReviewScope> {
      const { rows } = await deps.pool.query<{ name: string; region: string; role: string }>("select name, region, role from reps");
      const regions = [...new Set(rows.map((r) => r.region))];
      const region = matchNames(text, regions)[0]?.name;
      // people by their full name: "Alice Chandra's team" must not also pick rep Alice Brooks
      const manager = matchNames(text, rows.filter((r) => r.role === "manager").map((r) => r.name), 1)[0]?.name;
      const rep = matchNames(text, rows.filter((r) => r.role === "rep").map((r) => r.name), 1)[0]?.name;
      return { ...(region ? { region } : {}), ...(manager ? { manager } : {}), ...(rep ? { rep } : {}) };
    },

    async review(options: { period?: string; scope?: ReviewScope; seed?: number; iterations?: number; listLimit?: number; asOf?: number } = {}): Promise<PipelineReview & { snapshot: boolean; modelId: string; trainedNow: boolean }> {
      const loaded = await load(options.asOf);
      const m = await requireModel(loaded);
      const period: Period = parsePeriod(options.period, loaded.asOf);
      const holdout = m.metrics?.holdout;
      const review = buildReview(loaded.deals, context(loaded, m.model), {
        period,
        scope: options.scope,
        seed: options.seed,
        iterations: options.iterations,
        listLimit: options.listLimit,
        holdout: holdout && { auc: holdout.auc, brier: holdout.brier, baselineBrier: holdout.baselineBrier },
      });
      return { ...review, snapshot: loaded.snapshot, modelId: m.id, trainedNow: m.trainedNow };
    },

    async predict(options: PredictOptions = {}): Promise<DealPredictions> {
      const loaded = await load(options.asOf);
      const m = await requireModel(loaded);
      const ctx = context(loaded, m.model);
      let open = loaded.deals.filter((d) => d.closedAt === null && d.engagedAt <= loaded.asOf && inScope(d, options.scope ?? {}));
      let accounts: string[] = [];
      if (options.dealIds?.length) open = open.filter((d) => options.dealIds!.includes(d.id));
      if (options.query) {
        accounts = matchNames(options.query, [...new Set(loaded.deals.map((d) => d.account))]).map((x) => x.name).slice(0, 3);
        open = open.filter((d) => accounts.includes(d.account));
      }
      const period = options.period ? parsePeriod(options.period, loaded.asOf) : undefined;
      const deals = open
        .map((d) => predictDeal(d, ctx))
        .filter((p): p is DealPrediction => p !== undefined)
        .map((p) => (period ? { ...p, probabilityInPeriod: Math.round(probabilityInPeriod(ctx, p, period.start, period.end) * 1000) / 1000 } : p))
        .sort((a, b) => b.amount - a.amount);
      return {
        asOf: new Date(loaded.asOf).toISOString(),
        model: { id: m.id, trainedAt: m.model.trainedAt, holdoutAuc: m.metrics?.holdout.auc ?? null, trainedNow: m.trainedNow },
        accounts,
        ...(period ? { period: { label: period.label, start: new Date(period.start).toISOString().slice(0, 10), end: new Date(period.end).toISOString().slice(0, 10) } } : {}),
        deals: deals.slice(0, options.limit ?? deals.length),
        totalMatched: deals.length,
      };
    },
  };
}

export type PipelineService = ReturnType<typeof createPipelineService>;
