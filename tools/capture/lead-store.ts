import type pg from "pg";
import type { Clock } from "../../src/core/clock.js";
import type { Channel } from "../../src/core/domain.js";
import { createModelsRepo } from "../../src/infra/postgres/models-repo.js";
import { LEAD_MODEL_KIND, loadCrmLeads } from "../leads/crm-model.js";
import { createLeadScorer, parseLeadModel, type LeadScorer } from "../leads/scorer.js";
import type { LeadSlots } from "./schema.js";

export const HOT_SCORE = 70;

export interface CapturedLead {
  id: string;
  leadScore: number | null;
  probability: number | null;
  priority: "hot" | "warm" | "cold" | null;
}

const COLUMNS: Record<keyof LeadSlots, string> = {
  name: "name", email: "email", phone: "phone", company: "company", role: "job_role",
  budget: "budget", authority: "authority", need: "need", timeline: "timeline",
};

export function leadSource(channel: Channel): string {
  return channel === "sms" ? "sms" : "chat";
}

/**
 * Creates or updates the one lead of a conversation. The conversation id comes from the tool context, so a
 * prospect can only ever write their own lead; a given slot overwrites, a missing one keeps what was there.
 */
export async function upsertConversationLead(
  pool: pg.Pool,
  input: { conversationId: string; channel: Channel; slots: LeadSlots; demoRequested?: boolean; now: Date },
): Promise<string> {
  const keys = (Object.keys(COLUMNS) as (keyof LeadSlots)[]).filter((k) => input.slots[k] !== undefined);
  const id = `lead_conv_${input.conversationId}`.slice(0, 120);
  const cols = keys.map((k) => COLUMNS[k]);
  const values = keys.map((k) => input.slots[k]!);
  const { rows } = await pool.query<{ id: string }>(
    `insert into leads (id, conversation_id, source, status, demo_requested, visits, last_activity_at, updated_at${cols.map((c) => `, ${c}`).join("")})
     values ($1, $2, $3, 'new', $4, 1, $5, $5${cols.map((_, i) => `, $${i + 6}`).join("")})
     on conflict (conversation_id) where conversation_id is not null do update set
       demo_requested = leads.demo_requested or excluded.demo_requested,
       last_activity_at = excluded.last_activity_at, updated_at = excluded.updated_at,
       status = case when leads.status = 'new' and excluded.email is not null then 'working' else leads.status end
       ${cols.map((c) => `, ${c} = coalesce(excluded.${c}, leads.${c})`).join("")}
     returning id`,
    [id, input.conversationId, leadSource(input.channel), input.demoRequested ?? false, input.now, ...values],
  );
  return rows[0]!.id;
}

/** The active lead model, parsed once per stored version. */
export function createActiveScorer(pool: pg.Pool) {
  const models = createModelsRepo(pool);
  let cached: { id: string; scorer: LeadScorer } | undefined;
  return async (): Promise<LeadScorer | undefined> => {
    const stored = await models.latest(LEAD_MODEL_KIND);
    if (!stored) return undefined;
    if (cached?.id !== stored.id) cached = { id: stored.id, scorer: createLeadScorer(parseLeadModel(stored.artefact, `stored model ${stored.id}`)) };
    return cached.scorer;
  };
}

/** Scores the lead with the active model (when there is one) and stores probability and score on the row. */
export async function scoreLead(pool: pg.Pool, scorer: LeadScorer | undefined, leadId: string, clock: Clock): Promise<CapturedLead> {
  if (!scorer) return { id: leadId, leadScore: null, probability: null, priority: null };
  const now = clock.now();
  const [row] = await loadCrmLeads(pool, now, "l.id = $2", [leadId]);
  if (!row) return { id: leadId, leadScore: null, probability: null, priority: null };
  const score = scorer.scoreRecord(row.features);
  await pool.query("update leads set probability = $2, lead_score = $3, scored_at = $4 where id = $1", [
    leadId, score.probability, score.leadScore, now,
  ]);
  return { id: leadId, leadScore: score.leadScore, probability: score.probability, priority: score.priority };
}

export function isHot(lead: CapturedLead): boolean {
  return lead.priority === "hot" || (lead.leadScore ?? 0) >= HOT_SCORE;
}
