import type { App, webApi } from "@slack/bolt";
import type { ApprovalDecisionKind, ApprovalDesk, DecideResult } from "../../src/core/approvals.js";
import type { EventDeduper } from "../../src/core/dedupe.js";
import type { Logger } from "../../src/core/logger.js";
import type { TaskTracker } from "../shared/task-tracker.js";
import { APPROVAL_ACTION_PATTERN, editInstructions } from "./approval-blocks.js";
import { resolveSlackActor, type SlackAccess } from "./identity.js";
import { slackTextToPlain } from "./mrkdwn.js";
import { BlockActionsPayload, ThreadReplyEvent } from "./payloads.js";

export const APPROVAL_TEXT = {
  managersOnly: "Only managers listed in SLACK_MANAGERS can decide approvals.",
  failed: "Sorry, the decision could not be handled. Please try again, or use POST /api/approvals/:id.",
  notice: (result: DecideResult): string | undefined => {
    switch (result.status) {
      case "already_decided":
        return `${result.approval.id} is already ${result.approval.status}${result.approval.decidedBy ? ` by ${result.approval.decidedBy}` : ""}.`;
      case "not_allowed":
        return `Not decided: ${result.reason}.`;
      case "invalid_edit":
        return `Not changed: ${result.reason}.`;
      case "not_found":
        return "That approval no longer exists.";
      case "decided":
        return undefined;
    }
  },
} as const;

const ADDRESSED_TO_SOMEONE = /^\s*<[@!]/;

/**
 * Approve / Edit / Reject on an approval post (signed `block_actions`), from managers only. Approve and Reject
 * decide at once; Edit asks for the new text, which a manager gives as a reply in the post's thread (chosen over
 * a modal: it needs no extra scopes or view handling, and the edit stays visible in the thread as its record).
 */
export function registerApprovalActions(
  app: App,
  deps: { desk: ApprovalDesk; access: SlackAccess; tenant: string; logger: Logger; deduper: EventDeduper; tracker: TaskTracker },
): void {
  const log = deps.logger.child({ channel: "slack", component: "approvals" });
  const isManager = (teamId: string, userId: string) => resolveSlackActor({ teamId, userId }, deps.access, deps.tenant)?.role === "manager";

  async function personName(client: webApi.WebClient, userId: string): Promise<string> {
    try {
      const info = await client.users.info({ user: userId });
      return info.user?.profile?.display_name || info.user?.real_name || info.user?.name || userId;
    } catch {
      return userId;
    }
  }

  async function decide(client: webApi.WebClient, where: { channel: string; threadTs: string; user: string }, id: string, decision: ApprovalDecisionKind, edits?: Record<string, unknown>) {
    const result = await deps.desk.decide({ id, decision, edits, approver: { id: `slack:${where.user}`, name: await personName(client, where.user) } });
    const notice = APPROVAL_TEXT.notice(result);
    if (notice) await client.chat.postEphemeral({ channel: where.channel, thread_ts: where.threadTs, user: where.user, text: notice });
  }

  app.action(APPROVAL_ACTION_PATTERN, async ({ ack, body, client }) => {
    await ack();
    const parsed = BlockActionsPayload.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const action = b.actions[0]!;
    const id = typeof action.value === "string" ? action.value : "";
    const decision = APPROVAL_ACTION_PATTERN.exec(action.action_id)![1] as ApprovalDecisionKind;
    const where = { channel: b.channel.id, threadTs: b.message.thread_ts ?? b.message.ts, user: b.user.id };
    deps.tracker.track(
      (async () => {
        try {
          if (!isManager(b.user.team_id ?? b.team.id, b.user.id)) {
            await client.chat.postEphemeral({ channel: where.channel, thread_ts: where.threadTs, user: where.user, text: APPROVAL_TEXT.managersOnly });
            return;
          }
          if (decision === "edit") {
            await client.chat.postEphemeral({ channel: where.channel, thread_ts: where.threadTs, user: where.user, text: editInstructions({ id }) });
            return;
          }
          await decide(client, where, id, decision);
        } catch (error) {
          log.error({ err: error, approval: id }, "approval button not handled");
          await client.chat.postEphemeral({ channel: where.channel, thread_ts: where.threadTs, user: where.user, text: APPROVAL_TEXT.failed }).catch(() => undefined);
        }
      })(),
    );
  });

  app.event("message", async ({ event, body, client }) => {
    const parsed = ThreadReplyEvent.safeParse(event);
    if (!parsed.success || parsed.data.bot_id || parsed.data.subtype || parsed.data.thread_ts === parsed.data.ts) return;
    const e = parsed.data;
    if (ADDRESSED_TO_SOMEONE.test(e.text)) return;
    deps.tracker.track(
      (async () => {
        try {
          const approval = await deps.desk.findBySlackPost({ channel: e.channel, ts: e.thread_ts });
          if (!approval || approval.status !== "pending") return;
          if (!isManager(e.user_team ?? e.team ?? body.team_id, e.user)) return;
          const text = slackTextToPlain(e.text);
          if (!text || !(await deps.deduper.firstTime("slack-approval-edit", `${e.channel}:${e.ts}`))) return;
          await decide(client, { channel: e.channel, threadTs: e.thread_ts, user: e.user }, approval.id, "edit", { [approval.preview.editable]: text });
        } catch (error) {
          log.error({ err: error, thread: e.thread_ts }, "approval edit not handled");
        }
      })(),
    );
  });
}
