import type pg from "pg";
import type { Clock } from "../../src/core/clock.js";
import type { HandoffsRepo } from "../../src/infra/postgres/handoffs-repo.js";
import { defineTool } from "../registry.js";
import { createActiveScorer, isHot, scoreLead, upsertConversationLead, type CapturedLead } from "./lead-store.js";
import { CaptureLeadInput } from "./schema.js";

export interface CaptureLeadOutput {
  /** Only the caller's own lead, and no internal detail beyond whether a person was alerted. */
  saved: true;
  hotLeadAlerted: boolean;
}

/** Internal view of a capture, for the CRM side (tests, hand-off summaries); never sent to the prospect. */
export interface CaptureResult extends CaptureLeadOutput {
  lead: CapturedLead;
}

/**
 * Public: saves what a prospect told us about themselves as their lead (keyed by conversation), scores it
 * with the active lead model, and alerts sales once when it turns hot.
 */
export function createCaptureLeadTool(deps: { pool: pg.Pool; clock: Clock; handoffs: HandoffsRepo }) {
  const activeScorer = createActiveScorer(deps.pool);
  return defineTool({
    name: "capture_lead",
    description: "Save the contact and qualification details (BANT) the prospect has given in this conversation.",
    audience: "public",
    schema: CaptureLeadInput,
    run: async (input, context): Promise<CaptureResult> => {
      const { demoRequested, ...slots } = input;
      const id = await upsertConversationLead(deps.pool, {
        conversationId: context.conversationId, channel: context.channel, slots, demoRequested, now: deps.clock.now(),
      });
      const lead = await scoreLead(deps.pool, await activeScorer(), id, deps.clock);
      let hotLeadAlerted = false;
      if (isHot(lead)) {
        const { rowCount } = await deps.pool.query("select 1 from handoffs where conversation_id = $1 and kind = 'hot_lead'", [context.conversationId]);
        if (!rowCount) {
          const known = Object.entries(slots).filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join("; ");
          await deps.handoffs.open({
            conversationId: context.conversationId,
            kind: "hot_lead",
            summary: `Hot lead from ${context.channel} chat (score ${lead.leadScore ?? "n/a"}). ${known}`,
            reason: "lead score",
          });
          hotLeadAlerted = true;
        }
      }
      return { saved: true, hotLeadAlerted, lead };
    },
  });
}
