import type pg from "pg";
import type { Clock } from "../../src/core/clock.js";
import { createModelsRepo } from "../../src/infra/postgres/models-repo.js";
import { LEAD_MODEL_KIND, loadCrmLeads, trainDemoLeadModel } from "./crm-model.js";
import { createLeadScorer, parseLeadModel, type Factor } from "./scorer.js";

export interface StoredLeadScore {
  id: string;
  leadScore: number;
  probability: number;
  topFactors: Factor[];
}

const OPEN = "l.converted is null and l.status not in ('converted', 'disqualified')";

/**
 * Scores every open lead with the active `lead-score` model (training one first when none is stored and the
 * CRM has outcomes) and writes `probability`, `lead_score` and `scored_at` back to `leads`, so reports can
 * group scores in SQL. Returns the scores with their top factors; undefined when there is no model to use.
 */
export async function scoreOpenLeads(pool: pg.Pool, clock: Clock): Promise<{ modelId: string; scores: StoredLeadScore[] } | undefined> {
  const models = createModelsRepo(pool);
  let stored = await models.latest(LEAD_MODEL_KIND);
  if (!stored) {
    const labelled = await pool.query("select 1 from leads where converted is not null limit 1");
    if (!labelled.rowCount) return undefined;
    await trainDemoLeadModel(pool, { clock });
    stored = await models.latest(LEAD_MODEL_KIND);
    if (!stored) return undefined;
  }
  const scorer = createLeadScorer(parseLeadModel(stored.artefact, `stored model ${stored.id}`));
  const now = clock.now();
  const rows = await loadCrmLeads(pool, now, OPEN);
  const scores = rows.map((row) => {
    const s = scorer.scoreRecord(row.features);
    return { id: row.id, leadScore: s.leadScore, probability: s.probability, topFactors: s.topFactors };
  });
  await pool.query(
    `update leads l set probability = s.p, lead_score = s.score, scored_at = $4
       from unnest($1::text[], $2::float8[], $3::int[]) as s(id, p, score) where l.id = s.id`,
    [scores.map((s) => s.id), scores.map((s) => s.probability), scores.map((s) => s.leadScore), now],
  );
  return { modelId: stored.id, scores };
}
