import { createHash } from "node:crypto";
import type pg from "pg";
import type { Clock } from "../../core/clock.js";
import { BadInputError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { ModelsRepo } from "../../infra/postgres/models-repo.js";
import { CRM_TARGET, crmTable, LEAD_MODEL_KIND, loadCrmLeads } from "../../../tools/leads/crm-model.js";
import { trainLeadModel } from "../../../tools/leads/trainer.js";
import { DEAL_CLOSE_KIND } from "../../../tools/pipeline/close-model.js";
import { effectiveAsOf, loadPipelineDeals } from "../../../tools/pipeline/repo.js";
import { trainCloseModel } from "../../../tools/pipeline/train.js";
import { decidePromotion, recordedScore, type HeldOutScore, type PromotionDecision } from "./promotion.js";

export interface RetrainOutcome {
  kind: string;
  /** The newly trained model's id (stored whether or not it won); undefined when training was skipped. */
  candidate?: string;
  /** The model in use before the run. */
  current?: string;
  winner?: PromotionDecision["winner"];
  reason: string;
}

interface Trained {
  name: string;
  artefact: unknown;
  metrics: Record<string, unknown>;
  score: HeldOutScore;
  dataHash: string;
}

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

/**
 * Nightly retraining (RETRAIN_CRON) of the lead-score and deal-close models on the CRM as it is now. Each new
 * model is stored (models table, with its held-out metrics and the promotion decision) and put in use only
 * if it is not worse than the model in use on the held-out split; the log says which one won. Too little data
 * to train a kind skips it; any other failure fails the job after both kinds were tried, so it is retried.
 */
export function createRetrainJob(deps: { pool: pg.Pool; models: ModelsRepo; clock: Clock; logger: Logger }) {
  const trainers: Record<string, (now: Date) => Promise<Trained>> = {
    [LEAD_MODEL_KIND]: async (now) => {
      const labelled = await loadCrmLeads(deps.pool, now, "l.converted is not null", [], "order by l.id");
      if (labelled.length === 0) throw new BadInputError("no leads with a known outcome");
      const table = crmTable(labelled);
      const { model } = trainLeadModel(table, { target: CRM_TARGET, positive: "true", trainedAt: now });
      const holdout = model.metrics.holdout;
      return {
        name: "Lead conversion (CRM leads, nightly)",
        artefact: model,
        metrics: { ...holdout },
        score: { auc: holdout.rocAuc, brier: holdout.brier },
        dataHash: hash(table.rows),
      };
    },
    [DEAL_CLOSE_KIND]: async (now) => {
      const deals = await loadPipelineDeals(deps.pool);
      const { asOf } = effectiveAsOf(deals, now.getTime());
      const { model, metrics } = trainCloseModel(deals, { asOf, trainedAt: now });
      return {
        name: "deal close probability (nightly)",
        artefact: model,
        metrics: { ...metrics },
        score: { auc: metrics.holdout.auc, brier: metrics.holdout.brier },
        dataHash: hash(deals),
      };
    },
  };

  async function retrain(kind: string, now: Date): Promise<RetrainOutcome> {
    const current = await deps.models.latest(kind);
    let trained: Trained;
    try {
      trained = await trainers[kind]!(now);
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      deps.logger.warn({ kind, reason: error.message }, "retraining skipped: too little data");
      return { kind, current: current?.id, reason: error.message };
    }
    const currentScore = current && recordedScore(current.metrics);
    const decision = decidePromotion(currentScore, trained.score);
    const candidate = await deps.models.register({
      kind,
      name: trained.name,
      artefact: trained.artefact,
      metrics: { ...trained.metrics, promotion: { ...decision, against: current?.id ?? null, againstScore: currentScore ?? null, at: now.toISOString() } },
      dataHash: trained.dataHash,
    });
    if (decision.winner === "candidate") await deps.models.promote(candidate);
    const won = decision.winner === "candidate" ? candidate : current?.id;
    deps.logger.info(
      { kind, candidate, current: current?.id ?? null, winner: decision.winner, won, reason: decision.reason, auc: trained.score.auc, currentAuc: currentScore?.auc ?? null },
      decision.winner === "candidate" ? `${kind} retrained: the new model ${candidate} won and is in use` : `${kind} retrained: the model in use ${current?.id} won and stays`,
    );
    return { kind, candidate, current: current?.id, winner: decision.winner, reason: decision.reason };
  }

  return async function runRetrain(): Promise<RetrainOutcome[]> {
    const now = deps.clock.now();
    const outcomes: RetrainOutcome[] = [];
    const failures: unknown[] = [];
    for (const kind of Object.keys(trainers)) {
      try {
        outcomes.push(await retrain(kind, now));
      } catch (error) {
        deps.logger.error({ kind, err: error }, "retraining failed");
        failures.push(error);
      }
    }
    if (failures.length) throw new AggregateError(failures, `retraining failed for ${failures.length} model kind(s)`);
    return outcomes;
  };
}
