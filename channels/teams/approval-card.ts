import type { Activity } from "botbuilder";
import { z } from "zod";
import type { ApprovalDecisionKind, ApprovalRecord, DecideResult } from "../../src/core/approvals.js";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "./render-card.js";

/** What an approval card's Action.Submit sends back (the activity's `value`); `editText` is the card's input. */
export const ApprovalSubmit = z.object({
  approvalId: z.string().regex(/^AP-\d{1,12}$/),
  decision: z.enum(["approve", "edit", "reject"]),
  editText: z.string().max(5000).optional(),
});
export type ApprovalSubmit = z.infer<typeof ApprovalSubmit>;

export function parseApprovalSubmit(value: unknown): ApprovalSubmit | undefined {
  const parsed = ApprovalSubmit.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The edits a submit carries: the card's text replaces the action's editable field. */
export function submitEdits(submit: ApprovalSubmit, editable: string): { decision: ApprovalDecisionKind; edits?: Record<string, unknown> } {
  return submit.decision === "edit" ? { decision: "edit", edits: { [editable]: submit.editText ?? "" } } : { decision: submit.decision };
}

/** The approval request as an Adaptive Card: the preview, a text box prefilled with the editable text, and three Action.Submit. */
export function renderApprovalCard(approval: ApprovalRecord): Partial<Activity> {
  const editable = approval.preview.fields.find((f) => f.label === "Message" || f.label === "Note" || f.label === "New next step")?.value ?? "";
  const submit = (title: string, decision: ApprovalDecisionKind, style?: string) => ({
    type: "Action.Submit",
    title,
    ...(style ? { style } : {}),
    data: { approvalId: approval.id, decision },
  });
  return {
    type: "message",
    text: `Approval ${approval.id}: ${approval.summary}`,
    attachments: [
      {
        contentType: ADAPTIVE_CARD_CONTENT_TYPE,
        content: {
          type: "AdaptiveCard",
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          version: "1.5",
          body: [
            { type: "TextBlock", text: `Approval needed: ${approval.id}`, weight: "Bolder", size: "Medium", wrap: true },
            { type: "TextBlock", text: approval.summary, wrap: true },
            { type: "FactSet", facts: approval.preview.fields.map((f) => ({ title: f.label, value: f.value })) },
            { type: "Input.Text", id: "editText", label: "Edit before approving (used by Edit)", isMultiline: true, value: editable, maxLength: 5000 },
          ],
          actions: [submit("Approve", "approve", "positive"), submit("Edit", "edit"), submit("Reject", "reject", "destructive")],
        },
      },
    ],
  };
}

export function decisionNotice(result: DecideResult): string {
  switch (result.status) {
    case "decided":
      return `${result.approval.id} ${result.approval.status}: ${result.outcome}`;
    case "already_decided":
      return `${result.approval.id} is already ${result.approval.status}.`;
    case "not_allowed":
      return `Not decided: ${result.reason}.`;
    case "invalid_edit":
      return `Not changed: ${result.reason}.`;
    case "not_found":
      return "That approval no longer exists.";
  }
}
