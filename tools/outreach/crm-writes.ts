import type { Clock } from "../../src/core/clock.js";
import type { OutreachCrm } from "../../src/core/outreach.js";
import { defineTool } from "../registry.js";
import { awaitApproval } from "./approval-gate.js";
import { resolveDeal } from "./recipients.js";
import { LogCrmNoteInput, UpdateDealNextStepInput } from "./schema.js";

export type CrmWriteOutput =
  | { status: "done"; dealId: string; deal: string; activityId?: string; before?: string | null; after: string; approvedBy?: string; edited: boolean }
  | { status: "rejected"; decidedBy: string }
  | { status: "not_found"; detail: string }
  | { status: "ambiguous"; detail: string; candidates: { id: string; name: string; account: string }[] }
  | { status: "invalid_edit"; detail: string };

interface CrmWriteDeps {
  crm: OutreachCrm;
  approvalRequired: boolean;
  clock: Clock;
}

function notDone(verdict: { rejectedBy: string } | { invalidEdit: string }): CrmWriteOutput {
  return "rejectedBy" in verdict ? { status: "rejected", decidedBy: verdict.rejectedBy } : { status: "invalid_edit", detail: verdict.invalidEdit };
}

/** Internal: a note on a deal, written as a CRM activity after approval. */
export function createLogCrmNoteTool(deps: CrmWriteDeps) {
  return defineTool({
    name: "log_crm_note",
    description: "Log a note as an activity on a CRM deal (by deal id or deal/account name). Waits for a manager's approval when approvals are required.",
    audience: "internal",
    schema: LogCrmNoteInput,
    run: async (input, context): Promise<CrmWriteOutput> => {
      const found = await resolveDeal(deps.crm, input.deal);
      if (found.status !== "found") return found;
      const deal = found.deal;
      const verdict = awaitApproval({
        required: deps.approvalRequired,
        action: "log_crm_note",
        preview: {
          summary: `Note on ${deal.name} (${deal.account})`,
          fields: [{ label: "Deal", value: `${deal.name} (${deal.account})` }, { label: "Note", value: input.note }],
          editable: "note",
        },
        input,
        schema: LogCrmNoteInput,
        requestedBy: context.actor.id,
      });
      if (!verdict.go) return notDone(verdict);
      const target = verdict.edited ? await resolveDeal(deps.crm, verdict.input.deal) : found;
      if (target.status !== "found") return target;
      const activityId = await deps.crm.logActivity({ kind: "note", subject: verdict.input.note, dealId: target.deal.id, repEmailOrId: context.actor.id, at: deps.clock.now() });
      return { status: "done", dealId: target.deal.id, deal: target.deal.name, activityId, after: verdict.input.note, approvedBy: verdict.approvedBy, edited: verdict.edited };
    },
  });
}

/** Internal: replaces a deal's next step after approval; the result keeps the step it replaced. */
export function createUpdateDealNextStepTool(deps: CrmWriteDeps) {
  return defineTool({
    name: "update_deal_next_step",
    description: "Set the next step of a CRM deal (by deal id or deal/account name), replacing the one on record. Waits for a manager's approval when approvals are required.",
    audience: "internal",
    schema: UpdateDealNextStepInput,
    run: async (input, context): Promise<CrmWriteOutput> => {
      const found = await resolveDeal(deps.crm, input.deal);
      if (found.status !== "found") return found;
      const deal = found.deal;
      const verdict = awaitApproval({
        required: deps.approvalRequired,
        action: "update_deal_next_step",
        preview: {
          summary: `Next step of ${deal.name} (${deal.account})`,
          fields: [
            { label: "Deal", value: `${deal.name} (${deal.account})` },
            { label: "Now", value: deal.nextStep ?? "(none)" },
            { label: "New next step", value: input.nextStep },
          ],
          editable: "nextStep",
        },
        input,
        schema: UpdateDealNextStepInput,
        requestedBy: context.actor.id,
      });
      if (!verdict.go) return notDone(verdict);
      const target = verdict.edited ? await resolveDeal(deps.crm, verdict.input.deal) : found;
      if (target.status !== "found") return target;
      const { before } = await deps.crm.setNextStep(target.deal.id, verdict.input.nextStep);
      return { status: "done", dealId: target.deal.id, deal: target.deal.name, before, after: verdict.input.nextStep, approvedBy: verdict.approvedBy, edited: verdict.edited };
    },
  });
}
