import { HumanMessage } from "@langchain/core/messages";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import type { ConversationHandler, InboundMessage, OutboundMessage } from "../core/ports.js";
import type { ConversationsRepo } from "../infra/postgres/conversations-repo.js";
import type { SalesGraph } from "../../agents/sales-assistant/graph.js";
import { smsKeyword } from "../../channels/sms/keywords.js";
import type { ProspectRelay } from "../../tools/handoffs/inbox.js";
import { KeyedMutex } from "./keyed-mutex.js";

export function threadIdOf(message: Pick<InboundMessage, "channel" | "conversationId">): string {
  return `${message.channel}:${message.conversationId}`;
}

export interface TurnTracker {
  /** Resolves when every turn started so far has finished. */
  drain(): Promise<void>;
  readonly inFlight: number;
}

/**
 * Runs one turn of the graph per inbound message. Turns of one conversation run one at a time (a second
 * message waits for the first), the checkpoint is written once at the end of the turn (durability "exit"),
 * and the message log is appended in one transaction afterwards — a crash mid-turn leaves no half turn.
 */
export function createConversationHandler(deps: {
  graph: SalesGraph;
  conversations: ConversationsRepo;
  clock: Clock;
  logger: Logger;
  onTurn?: (turn: { intent: string; channel: string; seconds: number }) => void;
  /** Where a held conversation's prospect messages go (the person's hand-off thread). */
  inbox?: ProspectRelay;
}): ConversationHandler & TurnTracker {
  const mutex = new KeyedMutex();
  const running = new Set<Promise<unknown>>();

  async function runTurn(message: InboundMessage): Promise<OutboundMessage[]> {
    const started = performance.now();
    const conversation = await deps.conversations.ensure(message.channel, message.conversationId, message.actor);
    if (conversation.heldBy) {
      const held = await whileHeld(message, conversation.id);
      if (held) return held;
    }
    const result = await deps.graph.invoke(
      {
        messages: [new HumanMessage(message.text)],
        channel: message.channel,
        actor: message.actor,
        conversationId: conversation.id,
        clientTimeZone: message.timeZone,
        clientLocale: message.locale,
        reply: "",
        replyData: null,
        silenced: false,
      },
      { configurable: { thread_id: threadIdOf(message) }, durability: "exit" },
    );
    const intent = result.intent ?? "smalltalk";
    const replyText = result.silenced ? "" : result.reply;
    await deps.conversations.appendTurn(conversation.id, {
      userText: message.text,
      replyText,
      intent,
      at: deps.clock.now(),
    });
    const seconds = (performance.now() - started) / 1000;
    deps.onTurn?.({ intent, channel: message.channel, seconds });
    deps.logger.info(
      { channel: message.channel, conversation: conversation.id, intent, route: result.routeSource, ms: Math.round(seconds * 1000) },
      "turn",
    );
    const data = result.replyData ?? (result.invite ? { invite: result.invite } : undefined);
    return replyText ? [{ conversationId: message.conversationId, text: replyText, intent, ...(data ? { data } : {}) }] : [];
  }

  /**
   * A person holds the conversation: the assistant stays silent, the message is logged and relayed to the
   * person. Consent keywords (STOP, START…) still reach the graph, whose consent check records and confirms
   * them — an opt-out must work whoever holds the conversation. Returns undefined for those.
   */
  async function whileHeld(message: InboundMessage, conversationId: string): Promise<OutboundMessage[] | undefined> {
    const keyword = smsKeyword(message.text);
    if (keyword === "opt_out" || keyword === "opt_in") {
      await deps.inbox?.prospectWrote({ conversationId, text: message.text });
      return undefined;
    }
    await deps.conversations.appendTurn(conversationId, { userText: message.text, intent: "human_handoff", at: deps.clock.now() });
    await deps.inbox?.prospectWrote({ conversationId, text: message.text });
    deps.logger.info({ channel: message.channel, conversation: conversationId }, "turn held by a person");
    // Empty text: nothing is sent; the intent tells the HTTP API why (`reply: ""`, intent human_handoff).
    return [{ conversationId: message.conversationId, text: "", intent: "human_handoff", data: { held: true } }];
  }

  const handler = (message: InboundMessage) => {
    const turn = mutex.run(threadIdOf(message), () => runTurn(message));
    running.add(turn);
    void turn.finally(() => running.delete(turn)).catch(() => undefined);
    return turn;
  };

  return Object.assign(handler, {
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get inFlight() {
      return running.size;
    },
  });
}
