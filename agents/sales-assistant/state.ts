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

/**
 * A value a node may clear. Cleared is stored as null, never undefined: with durability "exit" the Postgres
 * checkpointer does not persist a write of undefined, so the old value came back on the next turn (a pending
 * question that was no longer pending). Writers may still return undefined; the reducer stores null.
 */
const clearable = <T>() => Annotation<T | null, T | null | undefined>({ reducer: (_old, next) => next ?? null, default: () => null });

export const SalesState = Annotation.Root({
  ...MessagesAnnotation.spec,
  channel: Annotation<Channel>(),
  actor: Annotation<Actor>(),
  conversationId: Annotation<string>(),
  intent: clearable<Intent>(),
  routeSource: clearable<"rule" | "classifier" | "llm">(),
  profile: Annotation<LeadProfile>({ reducer: (old, next) => ({ ...old, ...next }), default: () => ({}) }),
  /** Results of the tools called this turn. */
  toolResults: replace<ToolResult[]>(() => []),
  handoff: clearable<{ id: string; kind: string }>(),
  /** The visitor's zone and locale as their client reports them (web widget `Intl`), refreshed every turn. */
  clientTimeZone: clearable<string>(),
  clientLocale: clearable<string>(),
  /** The active flow, kept across turns until it completes or the prospect leaves it. */
  activeFlow: clearable<Flow>(),
  /** The question the assistant is waiting on, if any (kept across turns; cleared when answered). */
  pendingAsk: clearable<PendingAsk>(),
  /** The ask carried in from the previous turn (the pending ask is cleared at the start of each turn). */
  priorAsk: clearable<PendingAsk>(),
  /** The offer a booking was made from, so a correction right after ("I meant the third") can move it. */
  lastOffer: clearable<PendingAsk>(),
  /** How this turn's message answered `priorAsk`, when it did. */
  askAnswer: clearable<AskAnswer>(),
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
  agentOutcome: clearable<{ status: "answered" | "fallback"; reason?: string; steps?: number }>(),
  /** A calendar invite this turn produced (booking, move or cancellation), returned to the client. */
  invite: clearable<{ ics: string; meetingId: string; startsAt: string; timeZone: string }>(),
  /** The outbound text of this turn; empty when nothing may be sent (opt-out). */
  reply: replace<string>(() => ""),
  /** Set when the conversation's contact withdrew consent: nothing is sent. */
  silenced: replace<boolean>(() => false),
  /**
   * The prospect's language (ISO 639-1, "en" for English), from the last message long enough to tell;
   * kept across turns. In LLM mode the reply is written in it; in local mode a foreign message gets a notice.
   */
  language: clearable<string>(),
  /** A rep's or manager's stored preferences (region, accounts, segment, name, answer style), read each turn. */
  preferences: clearable<UserPreferences>(),
  /** What trim_history removed from this thread so far (long SMS threads), summarised. */
  trimmedHistory: clearable<TrimmedHistory>(),
});

export type SalesStateType = typeof SalesState.State;
export type SalesStateUpdate = typeof SalesState.Update;
