import type { Actor, Channel, Intent } from "./domain.js";

/** What every channel adapter hands the conversation: one normalized message. */
export interface InboundMessage {
  channel: Channel;
  /** Conversation id within the channel (web conversation id, phone number, Slack thread, Teams conversation). */
  conversationId: string;
  actor: Actor;
  text: string;
  /** Platform message id, used to process retries once. */
  messageId?: string;
  receivedAt?: Date;
  /** IANA time zone the client reports (web widget `Intl`); a hint, never trusted for identity. */
  timeZone?: string;
  /** BCP 47 locale the client reports. */
  locale?: string;
  /**
   * Who is behind an anonymous channel across conversations (web: a hash of the client address), for
   * per-visitor caps such as open hand-offs. Never an identity and never a role.
   */
  visitor?: string;
}

export interface OutboundMessage {
  conversationId: string;
  text: string;
  intent: Intent;
  /** Structured payload an adapter may render richly (Block Kit, Adaptive Card). */
  data?: Record<string, unknown>;
}

/** The only thing an adapter knows of the conversation. An empty array means: send nothing (opt-out). */
export type ConversationHandler = (message: InboundMessage) => Promise<OutboundMessage[]>;

/**
 * What a streamed turn tells an adapter, in order: any number of `status`, `token` and `replace` events, then
 * exactly one `final` (or the iteration throws when the turn fails).
 *
 * The draft is the text streamed so far: the `token` texts appended since the last `replace`, which restarts
 * it from its own `text`. When `final` arrives, the first message's text ("" when there is none) begins with
 * the draft: streamed words the answer does not keep have been withdrawn by a `replace`. The rest of the text
 * was not streamed (no model wrote it, or a later step added it, like a follow-up question) and comes with
 * `final`, which also carries the messages' intent and data for rich rendering.
 */
export type TurnEvent =
  /** What the turn is doing ("Looking up the Globex deal…"); not part of the answer. */
  | { type: "status"; text: string }
  /** More answer text, to append to the draft. */
  | { type: "token"; text: string }
  /** The draft so far is void: it is now `text` (a model's answer replaced by a checked one; "" to clear it). */
  | { type: "replace"; text: string }
  /** The turn's answers, as the non-streaming form returns them. */
  | { type: "final"; messages: OutboundMessage[] };

/**
 * The streaming form of the port: the same turn as calling the handler, told as it happens. Adapters that can
 * show a growing answer (web SSE, Slack, Teams) use `stream`; the others call the handler.
 */
export interface StreamingConversationHandler extends ConversationHandler {
  stream(message: InboundMessage): AsyncIterable<TurnEvent>;
}

// ---- The human inbox: hand-offs, the people who answer them, and where prospects hear back --------------

export type HandoffKind = "support" | "human" | "hot_lead";
export type HandoffStatus = "open" | "claimed" | "closed";

/** Where a hand-off was posted for people to answer in (a Slack thread). */
export interface HandoffThread {
  channel: string;
  ts: string;
}

/**
 * A hand-off as the people answering it see it. `conversation.externalId` is the id the prospect's channel
 * uses (the web chat's conversation id, the phone number): the one `GET /api/chat/:id` and the operator
 * routes take. `conversation.id` is internal.
 */
export interface HandoffTicket {
  id: string;
  kind: HandoffKind;
  status: HandoffStatus;
  summary: string;
  reason: string | null;
  conversation: { id: string; channel: Channel; externalId: string };
  thread?: HandoffThread;
  createdAt: Date;
}

/** Something that happened on an announced hand-off, told where it was announced. */
export type HandoffUpdate =
  /** The prospect added details by asking again: a note, never a new ticket. */
  | { kind: "details"; text: string }
  /** The prospect wrote while a person holds the conversation. */
  | { kind: "prospect"; text: string }
  /** Claimed, released, not delivered… */
  | { kind: "status"; text: string };

/** Tells people about hand-offs (Slack channel, Teams channel). Implementations live in channels/. */
export interface HandoffNotifier {
  /** Posts a new hand-off; returns the thread people answer in, when this notifier has one. */
  announce(ticket: HandoffTicket): Promise<HandoffThread | undefined>;
  update(ticket: HandoffTicket, update: HandoffUpdate): Promise<void>;
}

/** A person answering hand-offs: `id` is stable per surface (`slack:U…`, `operator:…`), `name` is shown to the prospect. */
export interface Person {
  id: string;
  name: string;
}

/** Which conversation a person means: the hand-off's Slack thread, or a conversation id (external or internal). */
export type InboxTarget = { thread: HandoffThread } | { conversationId: string };

export type InboxReplyResult =
  | { status: "delivered"; conversationId: string; channel: Channel; messageId: string; firstReply: boolean }
  | { status: "not_delivered"; conversationId: string; channel: Channel; reason: string }
  | { status: "unknown" };

export type InboxReleaseResult = { status: "released"; conversationId: string; handoffId?: string } | { status: "unknown" };

/**
 * What people answering hand-offs can do, whichever surface they use (a Slack thread, the operator API).
 * A person's first reply takes the conversation over: the assistant stays silent until it is released.
 */
export interface HandoffInbox {
  reply(input: { target: InboxTarget; person: Person; text: string }): Promise<InboxReplyResult>;
  release(input: { target: InboxTarget; person: Person }): Promise<InboxReleaseResult>;
  /** Whether this Slack thread is a hand-off's (to tell an unlisted colleague their reply went nowhere). */
  isHandoffThread(thread: HandoffThread): Promise<boolean>;
}

/** The hand-off table (src/infra/postgres/handoffs-repo.ts). */
export interface HandoffStore {
  /**
   * Opens a hand-off for the conversation, or — when one is already open or claimed there, whatever its kind —
   * adds `note` to it and returns it with `appended: true`. One transaction; concurrent requests make one ticket.
   */
  openOrAppend(input: { conversationId: string; kind: HandoffKind; summary: string; reason?: string; note: (existing: HandoffTicket) => string }): Promise<{ ticket: HandoffTicket; appended: boolean; note?: string }>;
  setThread(id: string, thread: HandoffThread): Promise<void>;
  findByThread(thread: HandoffThread): Promise<HandoffTicket | undefined>;
  /** The open or claimed hand-off of a conversation (internal id). */
  activeFor(conversationId: string): Promise<HandoffTicket | undefined>;
  /** Open → claimed by this person; false when it was not open any more. */
  claim(id: string, personId: string, at: Date): Promise<boolean>;
  close(id: string, at: Date): Promise<void>;
}

export interface HeldConversation {
  id: string;
  channel: Channel;
  externalId: string;
  heldBy: string | null;
}

/** The conversation rows and message log, as the inbox needs them (src/infra/postgres/conversations-repo.ts). */
export interface InboxConversationStore {
  /** By the channel's id (web conversation id, phone number) or the internal id; prospect channels first. */
  findForOperator(id: string): Promise<HeldConversation | undefined>;
  findById(id: string): Promise<HeldConversation | undefined>;
  /** Marks the conversation held by a person (kept from the first hold). */
  hold(id: string, person: Person, at: Date): Promise<void>;
  release(id: string): Promise<void>;
  appendMessage(id: string, message: { sender: "agent"; author: string; text: string; at: Date }): Promise<string>;
}

/** Sends a person's message to a prospect on a channel that has no open connection of its own (SMS). */
export interface ProspectDelivery {
  deliver(channel: Channel, externalId: string, text: string): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/** One entry of the seller's price list (the `products` table). */
export interface CatalogProduct {
  id: string;
  name: string;
  /** Plan family or "Add-on"; add-ons are bought on top of a plan. */
  series: string;
  /** List price in the catalogue's currency for one billing period. */
  listPrice: number;
  /** How the price is billed, e.g. "annual", or "per user per year" for seat pricing. */
  billing: string;
  description: string;
  /** Users the listed price covers, when the catalogue states it; null when unknown or not applicable. */
  includedUsers: number | null;
}

/** Read access to the price list; empty for a seller whose catalogue is not loaded. */
export interface CatalogRepo {
  listProducts(): Promise<CatalogProduct[]>;
}
