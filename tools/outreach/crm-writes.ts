import type { z } from "zod";
import type { ApprovalAction, ApprovalPreview } from "../../src/core/approvals.js";
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

type DealWriteInput = { deal: { id?: string; name?: string } };
type FoundDeal = Extract<Awaited<ReturnType<typeof resolveDeal>>, { status: "found" }>["deal"];

/**
 * The shape every CRM write shares: find the deal, ask for approval with a preview, re-resolve the deal if the
 * approver edited it, then write. A rejected or invalid edit never writes.
 */
async function approvedDealWrite<S extends z.ZodType<DealWriteInput>>(
  deps: CrmWriteDeps,
  request: {
    action: ApprovalAction;
    schema: S;
    input: z.infer<S>;
    requestedBy: string;
    preview: (deal: FoundDeal) => ApprovalPreview;
    write: (deal: FoundDeal, input: z.infer<S>) => Promise<{ activityId?: string; before?: string | null; after: string }>;
  },
): Promise<CrmWriteOutput> {
  const found = await resolveDeal(deps.crm, request.input.deal);
  if (found.status !== "found") return found;
  const verdict = awaitApproval({
    required: deps.approvalRequired, action: request.action, preview: request.preview(found.deal),
    input: request.input, schema: request.schema, requestedBy: request.requestedBy,
  });
  if (!verdict.go) return notDone(verdict);
  const target = verdict.edited ? await resolveDeal(deps.crm, verdict.input.deal) : found;
  if (target.status !== "found") return target;
  const written = await request.write(target.deal, verdict.input);
  return { status: "done", dealId: target.deal.id, deal: target.deal.name, ...written, approvedBy: verdict.approvedBy, edited: verdict.edited };
}

/** Internal: a note on a deal, written as a CRM activity after approval. */
export function createLogCrmNoteTool(deps: CrmWriteDeps) {
  return defineTool({
    name: "log_crm_note",
    description: "Log a note as an activity on a CRM deal (by deal id or deal/account name). Waits for a manager's approval when approvals are required.",
    audience: "internal",
    schema: LogCrmNoteInput,
    run: (input, context): Promise<CrmWriteOutput> =>
      approvedDealWrite(deps, {
        action: "log_crm_note",
        schema: LogCrmNoteInput,
        input,
        requestedBy: context.actor.id,
        preview: (deal) => ({
          summary: `Note on ${deal.name} (${deal.account})`,
          fields: [{ label: "Deal", value: `${deal.name} (${deal.account})` }, { label: "Note", value: input.note }],
          editable: "note",
        }),
        write: async (deal, approved) => ({
          activityId: await deps.crm.logActivity({ kind: "note", subject: approved.note, dealId: deal.id, repEmailOrId: context.actor.id, at: deps.clock.now() }),
          after: approved.note,
        }),
      }),
  });
}

/** Internal: replaces a deal's next step after approval; the result keeps the step it replaced. */
export function createUpdateDealNextStepTool(deps: CrmWriteDeps) {
  return defineTool({
    name: "update_deal_next_step",
    description: "Set the next step of a CRM deal (by deal id or deal/account name), replacing the one on record. Waits for a manager's approval when approvals are required.",
    audience: "internal",
    schema: UpdateDealNextStepInput,
    run: (input, context): Promise<CrmWriteOutput> =>
      approvedDealWrite(deps, {
        action: "update_deal_next_step",
        schema: UpdateDealNextStepInput,
        input,
        requestedBy: context.actor.id,
        preview: (deal) => ({
          summary: `Next step of ${deal.name} (${deal.account})`,
          fields: [
            { label: "Deal", value: `${deal.name} (${deal.account})` },
            { label: "Now", value: deal.nextStep ?? "(none)" },
            { label: "New next step", value: input.nextStep },
          ],
          editable: "nextStep",
        }),
        write: async (deal, approved) => ({ ...(await deps.crm.setNextStep(deal.id, approved.nextStep)), after: approved.nextStep }),
      }),
  });
}
