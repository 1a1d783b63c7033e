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
