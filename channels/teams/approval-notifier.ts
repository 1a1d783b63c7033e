import type { Activity, CloudAdapter } from "botbuilder";
import type { ApprovalNotifier } from "../../src/core/approvals.js";
import { renderApprovalCard } from "./approval-card.js";
import type { ConversationReferenceStore } from "./conversation-references.js";

/**
 * Approval cards in Teams: posted to the conversation saved under TEAMS_APPROVALS_CONVERSATION (a reference
 * written by the adapter from an authenticated message there); decisions come back as Action.Submit activities.
 */
export function createTeamsApprovalNotifier(deps: { adapter: CloudAdapter; appId: string | undefined; references: ConversationReferenceStore; conversation: string }): ApprovalNotifier {
  async function post(activity: Partial<Activity>) {
    const reference = await deps.references.find(deps.conversation);
    if (!reference?.serviceUrl) throw new Error(`no saved Teams conversation reference '${deps.conversation}' (TEAMS_APPROVALS_CONVERSATION)`);
    await deps.adapter.continueConversationAsync(deps.appId ?? "", reference, async (context) => {
      await context.sendActivity(activity);
    });
  }
  return {
    async ask(approval) {
      await post(renderApprovalCard(approval));
      return {};
    },
    async decided(approval, outcome) {
      await post({ type: "message", text: `${approval.id} ${approval.status} by ${approval.decidedBy ?? "someone"}: ${outcome}` });
    },
  };
}
