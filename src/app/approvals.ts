import { Command } from "@langchain/langgraph";
import type { SalesGraph } from "../../agents/sales-assistant/graph.js";
import { APPROVAL_SCHEMAS } from "../../tools/outreach/schema.js";
import type {
  ApprovalDecision,
  ApprovalDesk,
  ApprovalNotifier,
  ApprovalRecord,
  ApprovalRequest,
  ApprovalStore,
  DecideResult,
  RequesterNotifier,
} from "../core/approvals.js";
import { isInternal } from "../core/domain.js";
import type { Logger } from "../core/logger.js";
import type { ConversationHandler, InboundMessage, OutboundMessage } from "../core/ports.js";
import { threadIdOf } from "./conversation-handler.js";

export interface Approvals {
  desk: ApprovalDesk;
  store: ApprovalStore;
  /** Wraps the conversation handler: a paused turn is recorded and answered "Waiting for approval (AP-…)". */
  wrap<H extends ConversationHandler>(handler: H): H;
}

export function waitingText(approval: ApprovalRecord): string {
  const lines = approval.preview.fields.map((f) => `${f.label}: ${f.value}`);
  return [`Waiting for approval (${approval.id}): ${approval.summary}`, "", ...lines, "", "I'll tell you here when a manager decides."].join("\n");
}

function stillWaitingText(approval: ApprovalRecord): string {
  return `This conversation is waiting for approval ${approval.id} (${approval.summary}). It continues here once a manager decides; ask other questions in a new thread or conversation meanwhile.`;
}

function isApprovalRequest(value: unknown): value is ApprovalRequest {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "approval";
}

/**
 * Approvals around the graph: after a rep's turn, a pause at `interrupt()` becomes a row in `approvals` and a
 * request to the approvers; a decision (from any process: Slack, Teams, HTTP) claims the row, resumes the graph
 * with `Command({ resume })` and tells the rep the outcome where they asked. While a thread waits, its graph is
 * not run again: new input would discard the paused step.
 */
export function createApprovals(deps: {
  graph: SalesGraph;
  store: ApprovalStore;
  notifier: ApprovalNotifier;
  requester: RequesterNotifier;
  logger: Logger;
}): Approvals {
  const log = deps.logger.child({ component: "approvals" });

  /** Records the interrupts the thread is paused on; returns the approvals (new or already recorded). */
  async function recordPaused(threadId: string, where: { channel: InboundMessage["channel"]; conversation: string }): Promise<ApprovalRecord[]> {
    const state = await deps.graph.getState({ configurable: { thread_id: threadId } });
    const found: ApprovalRecord[] = [];
    for (const task of state.tasks) {
      for (const pause of task.interrupts ?? []) {
        if (!isApprovalRequest(pause.value) || !pause.id) continue;
        const approval = await deps.store.create({ threadId, interruptId: pause.id, request: pause.value, channel: where.channel, conversation: where.conversation });
        if (!approval.slackPost && approval.status === "pending") {
          try {
            const asked = await deps.notifier.ask(approval);
            if (asked.slackPost) await deps.store.setSlackPost(approval.id, asked.slackPost);
          } catch (error) {
            log.warn({ err: error, approval: approval.id }, "approvers not notified; the approval is listed in GET /api/approvals");
          }
        }
        log.info({ approval: approval.id, action: approval.action, thread: threadId }, "approval requested");
        found.push(approval);
      }
    }
    return found;
  }

  async function afterTurn(message: InboundMessage, replies: OutboundMessage[]): Promise<OutboundMessage[]> {
    if (!isInternal(message.actor)) return replies;
    const paused = await recordPaused(threadIdOf(message), { channel: message.channel, conversation: message.conversationId });
    if (paused.length === 0) return replies;
    const text = paused.map(waitingText).join("\n\n");
    const data = { approvals: paused.map((a) => ({ id: a.id, action: a.action, summary: a.summary, status: a.status })) };
    return [...replies.filter((r) => r.text), { conversationId: message.conversationId, text, intent: "content_request", data }];
  }

  async function beforeTurn(message: InboundMessage): Promise<OutboundMessage[] | undefined> {
    if (!isInternal(message.actor)) return undefined;
    const open = await deps.store.openForThread(threadIdOf(message));
    return open ? [{ conversationId: message.conversationId, text: stillWaitingText(open), intent: "content_request", data: { approvals: [{ id: open.id, status: open.status }] } }] : undefined;
  }

  async function resume(approval: ApprovalRecord, decision: ApprovalDecision): Promise<string> {
    try {
      const result = await deps.graph.invoke(new Command({ resume: decision }), { configurable: { thread_id: approval.threadId }, durability: "exit" });
      const outcome = result.reply || `${approval.id} ${approval.status}.`;
      await deps.store.complete(approval.id, outcome, approval.after);
      // The resumed step may pause again (a second action): that one is asked for too.
      const again = await recordPaused(approval.threadId, { channel: approval.channel, conversation: approval.conversation });
      const told = [outcome, ...again.map(waitingText)].join("\n\n");
      await deps.requester
        .tell({ channel: approval.channel, conversation: approval.conversation, requestedBy: approval.requestedBy }, told)
        .catch((error: unknown) => log.warn({ err: error, approval: approval.id }, "requester not told the outcome"));
      return outcome;
    } catch (error) {
      log.error({ err: error, approval: approval.id }, "resuming the graph failed");
      const outcome = `${approval.id} was ${approval.status}, but carrying it out failed: ${(error as Error).message}`;
      await deps.store.complete(approval.id, outcome, null);
      return outcome;
    }
  }

  const desk: ApprovalDesk = {
    async decide({ id, decision, edits, approver }): Promise<DecideResult> {
      const found = await deps.store.find(id);
      if (!found) return { status: "not_found" };
      if (found.status !== "pending") return { status: "already_decided", approval: found };
      if (approver.id.endsWith(`:${found.requestedBy}`)) return { status: "not_allowed", reason: "the person who asked cannot approve their own request" };
      let after: Record<string, unknown> | null = null;
      if (decision === "approve") after = found.before;
      if (decision === "edit") {
        if (!edits || Object.keys(edits).length === 0) return { status: "invalid_edit", reason: "edits: give the fields to change" };
        const parsed = APPROVAL_SCHEMAS[found.action].safeParse({ ...found.before, ...edits });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return { status: "invalid_edit", reason: `${issue?.path.join(".") || "edits"}: ${issue?.message ?? "invalid"}` };
        }
        after = parsed.data as Record<string, unknown>;
      }
      const status = decision === "approve" ? "approved" : decision === "edit" ? "edited" : "rejected";
      const claimed = await deps.store.claim({ id, status, decidedBy: approver.id, after });
      if (!claimed) return { status: "already_decided", approval: (await deps.store.find(id)) ?? found };
      log.info({ approval: id, decision, by: approver.id }, "approval decided");
      const outcome = await resume(claimed, { decision, ...(decision === "edit" ? { edits } : {}), decidedBy: approver.name });
      await deps.notifier.decided(claimed, outcome).catch((error: unknown) => log.warn({ err: error, approval: id }, "approvers not told the decision"));
      return { status: "decided", approval: (await deps.store.find(id)) ?? claimed, outcome };
    },
    find: (id) => deps.store.find(id),
    findBySlackPost: (post) => deps.store.findBySlackPost(post),
  };

  function wrap<H extends ConversationHandler>(handler: H): H {
    const wrapped = async (message: InboundMessage) => (await beforeTurn(message)) ?? afterTurn(message, await handler(message));
    const inner = handler as H & { stream?: (m: InboundMessage) => AsyncIterable<{ type: string; messages?: OutboundMessage[] }> };
    const extra = inner.stream
      ? {
          async *stream(message: InboundMessage) {
            const waiting = await beforeTurn(message);
            if (waiting) {
              yield { type: "replace", text: waiting[0]!.text };
              yield { type: "final", messages: waiting };
              return;
            }
            for await (const event of inner.stream!(message)) {
              if (event.type !== "final") {
                yield event;
                continue;
              }
              const messages = await afterTurn(message, event.messages ?? []);
              if (messages !== event.messages && messages[0]) yield { type: "replace", text: messages[0].text };
              yield { ...event, messages };
            }
          },
        }
      : {};
    // Keep the handler's other members (drain, inFlight) working on the original object.
    return new Proxy(wrapped, {
      get: (target, key) => (key in extra ? (extra as Record<string | symbol, unknown>)[key] : Reflect.get(handler, key)),
    }) as unknown as H;
  }

  return { desk, store: deps.store, wrap };
}
