import type { types } from "@slack/bolt";
import type { ApprovalRecord } from "../../src/core/approvals.js";
import { clip, escapeMrkdwn } from "./mrkdwn.js";
import type { SlackMessageBody } from "./render-blocks.js";

/** Button action ids; the button's value is the approval id. */
export const APPROVAL_ACTIONS = { approve: "approval_approve", edit: "approval_edit", reject: "approval_reject" } as const;
export const APPROVAL_ACTION_PATTERN = /^approval_(approve|edit|reject)$/;

const EDITABLE: Record<string, string> = { body: "message text", nextStep: "next step", note: "note" };

export function editInstructions(approval: { id: string; preview?: Pick<ApprovalRecord["preview"], "editable"> }): string {
  const what = (approval.preview && EDITABLE[approval.preview.editable]) ?? "text";
  return `To edit ${approval.id}, reply in this thread with the new ${what}: it is carried out as you write it.`;
}

/** The approval request: what would happen, to whom, the exact text, and Approve / Edit / Reject for managers. */
export function renderApprovalRequest(approval: ApprovalRecord): SlackMessageBody {
  const title = `Approval ${approval.id}: ${approval.summary}`;
  const blocks: types.KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: clip(`Approval needed: ${approval.id}`, 150) } },
    { type: "section", text: { type: "mrkdwn", text: clip(`*${escapeMrkdwn(approval.summary)}*\nRequested by <@${approval.requestedBy}>`, 3000) } },
    ...approval.preview.fields.map(
      (f): types.KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, 3000) } }),
    ),
    { type: "context", elements: [{ type: "mrkdwn", text: `Managers decide. ${editInstructions(approval)}` }] },
    {
      type: "actions",
      block_id: `approval:${approval.id}`,
      elements: [
        { type: "button", action_id: APPROVAL_ACTIONS.approve, value: approval.id, style: "primary", text: { type: "plain_text", text: "Approve" } },
        { type: "button", action_id: APPROVAL_ACTIONS.edit, value: approval.id, text: { type: "plain_text", text: "Edit" } },
        { type: "button", action_id: APPROVAL_ACTIONS.reject, value: approval.id, style: "danger", text: { type: "plain_text", text: "Reject" } },
      ],
    },
  ];
  return { text: clip(title, 3000), blocks };
}

export function renderApprovalDecided(approval: ApprovalRecord, outcome: string): string {
  return `${approval.id} ${approval.status} by ${escapeMrkdwn(approval.decidedBy ?? "someone")}: ${escapeMrkdwn(clip(outcome, 2500))}`;
}
