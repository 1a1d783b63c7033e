import type { Clock } from "../../src/core/clock.js";
import type { Channel } from "../../src/core/domain.js";
import type { Logger } from "../../src/core/logger.js";
import type {
  HandoffInbox,
  HandoffNotifier,
  HandoffStore,
  HandoffTicket,
  HeldConversation,
  InboxConversationStore,
  InboxTarget,
  ProspectDelivery,
} from "../../src/core/ports.js";

/** Channels where a person can reach the prospect: web chat (through its message log) and SMS. */
const RELAY_CHANNELS: readonly Channel[] = ["web", "sms"];

export const INBOX_TEXT = {
  claimed: (name: string) => `${name} took this conversation over: the assistant stays silent until it is released (\`!release\`).`,
  released: (name: string) => `${name} released the conversation: the assistant answers again.`,
  notDelivered: (reason: string) => `Not delivered to the visitor: ${reason}.`,
  unsupported: (channel: string) => `this conversation is on ${channel}, where people cannot reply through Salesgraph`,
} as const;

export interface ProspectRelay {
  /** A held conversation's prospect wrote: tell the person (the hand-off's thread). Never throws. */
  prospectWrote(input: { conversationId: string; text: string }): Promise<void>;
}

/**
 * The human inbox: a person's reply takes the conversation over (held, so the assistant stays silent), is
 * written to the conversation log (which the web chat shows) and sent to SMS prospects; `!release` or a
 * release hands it back. All state is in PostgreSQL, so any process can serve any of these steps.
 */
export function createHandoffInbox(deps: {
  handoffs: HandoffStore;
  conversations: InboxConversationStore;
  notifier: HandoffNotifier;
  delivery: ProspectDelivery;
  clock: Clock;
  logger: Logger;
}): HandoffInbox & ProspectRelay {
  const log = deps.logger.child({ component: "inbox" });

  async function resolve(target: InboxTarget): Promise<{ conversation: HeldConversation; ticket?: HandoffTicket } | undefined> {
    if ("thread" in target) {
      const ticket = await deps.handoffs.findByThread(target.thread);
      if (!ticket) return undefined;
      const conversation = await deps.conversations.findById(ticket.conversation.id);
      return conversation && { conversation, ticket };
    }
    const conversation = await deps.conversations.findForOperator(target.conversationId);
    if (!conversation) return undefined;
    return { conversation, ticket: await deps.handoffs.activeFor(conversation.id) };
  }

  return {
    async reply({ target, person, text }) {
      const found = await resolve(target);
      if (!found) return { status: "unknown" };
      const { conversation, ticket } = found;
      const base = { conversationId: conversation.externalId, channel: conversation.channel };
      if (!RELAY_CHANNELS.includes(conversation.channel)) {
        return { ...base, status: "not_delivered", reason: INBOX_TEXT.unsupported(conversation.channel) };
      }
      const now = deps.clock.now();
      // SMS first: a message the prospect never got must not show in the log as said.
      if (conversation.channel !== "web") {
        const sent = await deps.delivery.deliver(conversation.channel, conversation.externalId, text);
        if (!sent.ok) {
          log.info({ conversation: conversation.id, reason: sent.reason }, "person's reply not delivered");
          if (ticket) await deps.notifier.update(ticket, { kind: "status", text: INBOX_TEXT.notDelivered(sent.reason) });
          return { ...base, status: "not_delivered", reason: sent.reason };
        }
      }
      const firstReply = conversation.heldBy === null;
      await deps.conversations.hold(conversation.id, person, now);
      const messageId = await deps.conversations.appendMessage(conversation.id, { sender: "agent", author: person.name, text, at: now });
      if (ticket && (await deps.handoffs.claim(ticket.id, person.id, now))) {
        await deps.notifier.update(ticket, { kind: "status", text: INBOX_TEXT.claimed(person.name) });
      }
      log.info({ conversation: conversation.id, channel: conversation.channel, handoff: ticket?.id, firstReply }, "person replied");
      return { ...base, status: "delivered", messageId, firstReply };
    },

    async release({ target, person }) {
      const found = await resolve(target);
      if (!found) return { status: "unknown" };
      const { conversation, ticket } = found;
      await deps.conversations.release(conversation.id);
      if (ticket) {
        await deps.handoffs.close(ticket.id, deps.clock.now());
        await deps.notifier.update(ticket, { kind: "status", text: INBOX_TEXT.released(person.name) });
      }
      log.info({ conversation: conversation.id, handoff: ticket?.id }, "conversation released");
      return { status: "released", conversationId: conversation.externalId, ...(ticket ? { handoffId: ticket.id } : {}) };
    },

    async isHandoffThread(thread) {
      return (await deps.handoffs.findByThread(thread)) !== undefined;
    },

    async prospectWrote({ conversationId, text }) {
      try {
        const ticket = await deps.handoffs.activeFor(conversationId);
        if (ticket) await deps.notifier.update(ticket, { kind: "prospect", text });
      } catch (error) {
        log.error({ err: error, conversation: conversationId }, "prospect message not relayed to the person");
      }
    },
  };
}
