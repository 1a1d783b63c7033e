import { HumanMessage } from "@langchain/core/messages";
import { trace } from "@opentelemetry/api";
import type { Clock } from "../core/clock.js";
import { BadInputError } from "../core/errors.js";
import { cleanInboundText } from "../core/inbound-text.js";
import type { Logger } from "../core/logger.js";
import { hashId, inSpan, type Tracer } from "../core/spans.js";
import type { InboundMessage, OutboundMessage, StreamingConversationHandler, TurnEvent } from "../core/ports.js";
import type { ConversationsRepo } from "../infra/postgres/conversations-repo.js";
import type { SalesGraph } from "../../agents/sales-assistant/graph.js";
import { smsKeyword } from "../../channels/sms/keywords.js";
import type { ProspectRelay } from "../../tools/handoffs/inbox.js";
import { EventQueue } from "./event-queue.js";
import { createGraphEventRelay, TURN_STREAM_MODES, type GraphEventRelay } from "./graph-events.js";
import { KeyedMutex } from "./keyed-mutex.js";
import type { TurnLock } from "./turn-lock.js";
import { appendTurnOrRollBack } from "./turn-log.js";

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
 * message waits for the first, in any process sharing the database; past the lock timeout it gets 409), the checkpoint is written once at the end of the turn (durability "exit"),
 * and the message log is appended in one transaction afterwards — a crash mid-turn leaves no half turn.
 */
export function createConversationHandler(deps: {
  graph: SalesGraph;
  conversations: ConversationsRepo;
  clock: Clock;
  logger: Logger;
  onTurn?: (turn: { intent: string; channel: string; seconds: number; conversationId: string; role: string; at: Date }) => void;
  /** Where a held conversation's prospect messages go (the person's hand-off thread). */
  inbox?: ProspectRelay;
  /** Upper bound on one turn's graph run; past it the turn fails (a stalled model stream cannot hang a client). */
  turnTimeoutMs?: number;
  /**
   * Serialises turns of one conversation; across processes on PostgreSQL (see `createTurnLock`). Defaults to
   * an in-process queue with no timeout.
   */
  turnLock?: Pick<TurnLock, "run">;
  /** OpenTelemetry (OTEL_ENABLED): one span per turn, parent of the graph's node spans. */
  tracer?: Tracer;
}): StreamingConversationHandler & TurnTracker {
  const mutex: Pick<TurnLock, "run"> = deps.turnLock ?? new KeyedMutex();
  const running = new Set<Promise<unknown>>();

  /** With a relay the graph is streamed (tokens, progress) and its result is the same as `invoke`'s. */
  async function runTurn(inbound: InboundMessage, relay?: GraphEventRelay): Promise<OutboundMessage[]> {
    const started = performance.now();
    // Adapters check text at their edge; this is the last guard before anything is stored.
    const clean = cleanInboundText(inbound.text);
    if (!clean.ok) throw new BadInputError(clean.reason);
    const message = { ...inbound, text: clean.text };
    const conversation = await deps.conversations.ensure(message.channel, message.conversationId, message.actor, message.visitor);
    if (conversation.heldBy) {
      const held = await whileHeld(message, conversation.id);
      if (held) return held;
    }
    const input = {
        messages: [new HumanMessage(message.text)],
        channel: message.channel,
        actor: message.actor,
        conversationId: conversation.id,
        clientTimeZone: message.timeZone,
        clientLocale: message.locale,
        reply: "",
        replyData: null,
        silenced: false,
    };
    const options = {
      // the consent read with the conversation: check_consent needs no query of its own unless the profile adds keys
      configurable: { thread_id: threadIdOf(message), consent: conversation.consent },
      durability: "exit" as const,
      ...(deps.turnTimeoutMs ? { signal: AbortSignal.timeout(deps.turnTimeoutMs) } : {}),
    };
    let result: Awaited<ReturnType<SalesGraph["invoke"]>>;
    if (relay) {
      const parts = await deps.graph.stream(input, { ...options, streamMode: [...TURN_STREAM_MODES], subgraphs: true });
      for await (const part of parts) relay.take(part);
      result = relay.result() as typeof result;
    } else {
      result = await deps.graph.invoke(input, options);
    }
    const intent = result.intent ?? "smalltalk";
    if (deps.tracer) trace.getActiveSpan()?.setAttributes({ "salesgraph.intent": intent, "salesgraph.route": result.routeSource ?? "none" });
    const replyText = result.silenced ? "" : result.reply;
    const at = deps.clock.now();
    await appendTurnOrRollBack(deps, threadIdOf(message), () =>
      deps.conversations.appendTurn(conversation.id, { userText: message.text, replyText, intent, at }),
    );
    const seconds = (performance.now() - started) / 1000;
    deps.onTurn?.({ intent, channel: message.channel, seconds, conversationId: conversation.id, role: message.actor.role, at });
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

  function track<T>(turn: Promise<T>): Promise<T> {
    running.add(turn);
    void turn.finally(() => running.delete(turn)).catch(() => undefined);
    return turn;
  }

  const tracer = deps.tracer;
  const turn = tracer
    ? (message: InboundMessage, relay?: GraphEventRelay) =>
        inSpan(tracer, "turn", {
          "salesgraph.channel": message.channel,
          "salesgraph.role": message.actor.role,
          "salesgraph.conversation.hash": hashId(threadIdOf(message)),
        }, () => runTurn(message, relay))
    : runTurn;
  const handler = (message: InboundMessage) => track(mutex.run(threadIdOf(message), () => turn(message)));

  /**
   * The same turn, told as it happens (see `TurnEvent`). It runs to the end even when the reader stops
   * early (a visitor who closes the page): the answer is still recorded.
   */
  function stream(message: InboundMessage): AsyncIterable<TurnEvent> {
    const events = new EventQueue<TurnEvent>();
    const relay = createGraphEventRelay((event) => events.push(event));
    track(mutex.run(threadIdOf(message), () => turn(message, relay))).then(
      (messages) => {
        relay.settle(messages[0]?.text ?? "");
        events.end({ type: "final", messages });
      },
      (error: unknown) => events.fail(error),
    );
    return events;
  }

  return Object.assign(handler, {
    stream,
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get inFlight() {
      return running.size;
    },
  });
}
