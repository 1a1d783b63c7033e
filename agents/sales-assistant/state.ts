import { Annotation, MessagesAnnotation } from "@langchain/langgraph";
import type { Actor, Channel, Intent } from "../../src/core/domain.js";
import type { InsightData } from "../../src/core/insight-data.js";

/** Lead profile slots collected from a prospect across turns (BANT + contact + consent). */
export interface LeadProfile {
  name?: string;
  email?: string;
  phone?: string;
  company?: string;
  role?: string;
  budget?: string;
  authority?: string;
  need?: string;
  timeline?: string;
  consent?: "granted" | "withdrawn";
}

export interface ToolResult {
  tool: string;
  ok: boolean;
  output: unknown;
}

const replace = <T>(fallback: () => T) => Annotation<T>({ reducer: (_old, next) => next, default: fallback });

export const SalesState = Annotation.Root({
  ...MessagesAnnotation.spec,
  channel: Annotation<Channel>(),
  actor: Annotation<Actor>(),
  conversationId: Annotation<string>(),
  intent: replace<Intent | undefined>(() => undefined),
  routeSource: replace<"rule" | "classifier" | "llm" | undefined>(() => undefined),
  profile: Annotation<LeadProfile>({ reducer: (old, next) => ({ ...old, ...next }), default: () => ({}) }),
  /** Results of the tools called this turn. */
  toolResults: replace<ToolResult[]>(() => []),
  handoff: replace<{ id: string; kind: string } | undefined>(() => undefined),
  /** Structured insight for rich channels (Block Kit, Adaptive Cards): src/core/insight-data.ts. */
  replyData: replace<InsightData | null>(() => null),
  /** The outbound text of this turn; empty when nothing may be sent (opt-out). */
  reply: replace<string>(() => ""),
  /** Set when the conversation's contact withdrew consent: nothing is sent. */
  silenced: replace<boolean>(() => false),
});

export type SalesStateType = typeof SalesState.State;
export type SalesStateUpdate = typeof SalesState.Update;
