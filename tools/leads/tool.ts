import type pg from "pg";
import { z } from "zod";
import type { Clock } from "../../src/core/clock.js";
import type { RepOwners } from "../../src/core/rep-owner.js";
import { createModelsRepo } from "../../src/infra/postgres/models-repo.js";
import { defineTool } from "../registry.js";
import { LEAD_MODEL_KIND, loadCrmLeads, loadDealSizeModel, trainDemoLeadModel, type CrmLeadRow } from "./crm-model.js";
import { predictDealSize } from "./deal-size.js";
import { createLeadScorer, parseLeadModel, type LeadScore, type LeadScorer } from "./scorer.js";

export const LeadScoringInput = z
  .object({
    mode: z
      .enum(["top", "lookup"])
      .default("top")
      .describe("top (default): the open leads most likely to convert; lookup: the leads matching query."),
    query: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("For lookup: a lead id, email, person's name or company, e.g. 'Willowmere Energy'."),
    limit: z.number().int().min(1).max(50).default(10).describe("Most leads to return (1-50, default 10)."),
    mine: z
      .boolean()
      .optional()
      .describe("true for 'my leads': only leads the asking rep owns in the CRM (a manager: their team's)."),
  })
  .describe("Which leads to score.");
export type LeadScoringInput = z.infer<typeof LeadScoringInput>;

export interface ScoredLead extends LeadScore {
  id: string;
  name: string | null;
  email: string | null;
  company: string | null;
  status: string;
  owner: string | null;
  converted: boolean | null;
}

export interface LeadScoringOutput {
  model: { id: string; type: string; trainedAt: string; holdoutAuc: number } | null;
  leads: ScoredLead[];
  note?: string;
  /** Whose leads these are, when `mine` was asked and the user is mapped to a CRM owner. */
  owner?: { name: string; role: "rep" | "manager"; reps: number };
}

const OPEN = "l.converted is null and l.status not in ('converted', 'disqualified')";
const MATCH = `(lower(l.id) = lower($2) or lower(l.email) = lower($2) or l.name ilike '%' || $3 || '%' or l.company ilike '%' || $3 || '%')`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Internal: ranks and explains leads in the CRM with the active `lead-score` model. When none is stored
 * yet and the CRM has leads with outcomes, it trains one first (`trainIfMissing`, on by default).
 */
export function createLeadScoringTool(deps: { pool: pg.Pool; clock: Clock; trainIfMissing?: boolean; owners?: RepOwners }) {
  const models = createModelsRepo(deps.pool);
  let cached: { id: string; scorer: LeadScorer } | undefined;

  async function activeScorer(): Promise<{ id: string; scorer: LeadScorer } | undefined> {
    let stored = await models.latest(LEAD_MODEL_KIND);
    if (!stored && deps.trainIfMissing !== false) {
      const labelled = await deps.pool.query("select 1 from leads where converted is not null limit 1");
      if (labelled.rowCount) {
        await trainDemoLeadModel(deps.pool, { clock: deps.clock });
        stored = await models.latest(LEAD_MODEL_KIND);
      }
    }
    if (!stored) return undefined;
    if (cached?.id !== stored.id) cached = { id: stored.id, scorer: createLeadScorer(parseLeadModel(stored.artefact, `stored model ${stored.id}`)) };
    return cached;
  }

  return defineTool({
    name: "lead_scores",
    description:
      "Rank open CRM leads by conversion probability, or look up leads by id, email, name or company; each with score 0-100, priority, top factors and next best actions.",
    audience: "internal",
    schema: LeadScoringInput,
    run: async (input, context): Promise<LeadScoringOutput> => {
      const active = await activeScorer();
      if (!active) return { model: null, leads: [], note: "No lead-scoring model yet: the CRM has no leads with a known outcome." };
      const { scorer } = active;
      const now = deps.clock.now();
      const owner = input.mine ? await deps.owners?.resolve(context) : undefined;
      if (input.mine && !owner) {
        return {
          model: null,
          leads: [],
          note: "I don't know which CRM owner you are, so I can't tell your leads from the team's. An admin can map you in REP_OWNERS (e.g. slack:U0123=Anna Snelling).",
        };
      }
      const rows =
        input.mode === "lookup" && input.query
          ? await loadCrmLeads(deps.pool, now, MATCH, [input.query, escapeLike(input.query)], "order by l.converted nulls first, l.id limit 200")
          : owner
            ? await loadCrmLeads(deps.pool, now, `${OPEN} and l.owner_rep_id = any($2::text[])`, [owner.repIds])
            : await loadCrmLeads(deps.pool, now, OPEN);
      const sizes = await loadDealSizeModel(deps.pool);
      const scored = rows.map((row) => describe(row, scorer, sizes ? predictDealSize(sizes, row.company_size) : undefined));
      // a person can come back as a new lead: the open one matters most, then the likeliest
      scored.sort((a, b) => Number(a.converted !== null) - Number(b.converted !== null) || b.probability - a.probability);
      const m = scorer.model;
      return {
        model: { id: active.id, type: m.predictor.type, trainedAt: m.trainedAt, holdoutAuc: m.metrics.holdout.rocAuc },
        leads: scored.slice(0, input.limit),
        ...(owner ? { owner: { name: owner.name, role: owner.role, reps: owner.repIds.length } } : {}),
        ...(input.mode === "lookup" && scored.length === 0 ? { note: `No lead matches "${input.query ?? ""}".` } : {}),
      };
    },
  });
}

function describe(row: CrmLeadRow, scorer: LeadScorer, dealSize: number | undefined): ScoredLead {
  const score = scorer.scoreRecord(row.features, { dealSize });
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    company: row.company,
    status: row.status,
    owner: row.owner,
    converted: row.converted,
    ...score,
  };
}
