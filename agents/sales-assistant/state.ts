import { Annotation, MessagesAnnotation } from "@langchain/langgraph";
import type { Actor, Channel, Intent } from "../../src/core/domain.js";
import type { InsightData } from "../../src/core/insight-data.js";
import type { TrimmedHistory } from "./dialogue/history-summary.js";
import type { UserPreferences } from "./dialogue/preferences.js";

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
  /** Head count of the team that would use the product ("about 40 people" → 40). */
  teamSize?: number;
  /** IANA zone the prospect is in (from the widget, a named city/region/abbreviation, or the phone number). */
  timeZone?: string;
  consent?: "granted" | "withdrawn";
}

export type ProfileSlot = Exclude<keyof LeadProfile, "consent">;

/** A multi-turn task the assistant is in the middle of. */
export type Flow = "qualification" | "booking" | "handoff";

/** One option the assistant offered; `value` is what picking it means to the flow (e.g. a slot's start). */
export interface OfferedOption {
  n: number;
  label: string;
  value: string;
}

/**
 * What the assistant's last message asked for. The next message is first tested as an answer to it:
 * a slot value, an option (by number, time or words), a yes/no, or a correction.
 */
export type PendingAsk =
  | { kind: "slot"; flow: Flow; slot: ProfileSlot }
  | { kind: "option"; flow: Flow; slot: "demo_time"; options: OfferedOption[]; timeZone: string; purpose: "book" | "reschedule" }
  | { kind: "confirm"; flow: Flow; slot: "cancel_meeting" | "book_time"; detail?: string };

/** How this turn's message answered the pending ask. */
export type AskAnswer =
  | { kind: "value"; slot: ProfileSlot; profile: Partial<LeadProfile> }
  | { kind: "declined"; slot: ProfileSlot }
  | { kind: "invalid"; slot: ProfileSlot; value: string; reason: string }
  | { kind: "option"; index: number }
  | { kind: "other_times" }
  | { kind: "time_request" }
  | { kind: "yes" }
  | { kind: "no" };

export interface InvalidDetail {
  slot: "email" | "phone";
  value: string;
  reason: string;
}

export interface ToolResult {
  tool: string;
  ok: boolean;
  /** The arguments, when a model chose the call (agent mode). */
  input?: unknown;
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
  /** The visitor's zone and locale as their client reports them (web widget `Intl`), refreshed every turn. */
  clientTimeZone: replace<string | undefined>(() => undefined),
  clientLocale: replace<string | undefined>(() => undefined),
  /** The active flow, kept across turns until it completes or the prospect leaves it. */
  activeFlow: replace<Flow | undefined>(() => undefined),
  /** The question the assistant is waiting on, if any (kept across turns; cleared when answered). */
  pendingAsk: replace<PendingAsk | undefined>(() => undefined),
  /** The ask carried in from the previous turn (the pending ask is cleared at the start of each turn). */
  priorAsk: replace<PendingAsk | undefined>(() => undefined),
  /** The offer a booking was made from, so a correction right after ("I meant the third") can move it. */
  lastOffer: replace<PendingAsk | undefined>(() => undefined),
  /** How this turn's message answered `priorAsk`, when it did. */
  askAnswer: replace<AskAnswer | undefined>(() => undefined),
  /** Profile slots this message set or changed. */
  newDetails: replace<ProfileSlot[]>(() => []),
  /** Contact details in this message that were not valid (reported back, never stored). */
  invalidDetails: replace<InvalidDetail[]>(() => []),
  /** Profile slots the assistant has already asked for, so none is asked twice. */
  asked: Annotation<ProfileSlot[]>({ reducer: (old, next) => [...new Set([...old, ...next])], default: () => [] }),
  /** Slots the prospect declined to give; never asked again. */
  declined: Annotation<ProfileSlot[]>({ reducer: (old, next) => [...new Set([...old, ...next])], default: () => [] }),
  /** Structured insight for rich channels (Block Kit, Adaptive Cards): src/core/insight-data.ts. */
  replyData: replace<InsightData | null>(() => null),
  /** How the tool-calling agent ended this turn: answered, or fell back to the deterministic node (and why). */
  agentOutcome: replace<{ status: "answered" | "fallback"; reason?: string; steps?: number } | undefined>(() => undefined),
  /** A calendar invite this turn produced (booking, move or cancellation), returned to the client. */
  invite: replace<{ ics: string; meetingId: string; startsAt: string; timeZone: string } | undefined>(() => undefined),
  /** The outbound text of this turn; empty when nothing may be sent (opt-out). */
  reply: replace<string>(() => ""),
  /** Set when the conversation's contact withdrew consent: nothing is sent. */
  silenced: replace<boolean>(() => false),
  /**
   * The prospect's language (ISO 639-1, "en" for English), from the last message long enough to tell;
   * kept across turns. In LLM mode the reply is written in it; in local mode a foreign message gets a notice.
   */
  language: replace<string | undefined>(() => undefined),
  /** A rep's or manager's stored preferences (region, accounts, segment, name, answer style), read each turn. */
  preferences: replace<UserPreferences | undefined>(() => undefined),
  /** What trim_history removed from this thread so far (long SMS threads), summarised. */
  trimmedHistory: replace<TrimmedHistory | undefined>(() => undefined),
});

export type SalesStateType = typeof SalesState.State;
export type SalesStateUpdate = typeof SalesState.Update;
