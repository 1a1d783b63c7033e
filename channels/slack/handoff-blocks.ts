import type { types } from "@slack/bolt";
import type { HandoffTicket, HandoffUpdate } from "../../src/core/ports.js";
import { clip, escapeMrkdwn } from "./mrkdwn.js";
import type { SlackMessageBody } from "./render-blocks.js";

/** The Release button's action id (an interactive `block_actions` payload). */
export const RELEASE_ACTION = "handoff_release";
/** What a person says in the thread to hand the conversation back to the assistant. */
export const RELEASE_COMMAND = "!release";

export const HANDOFF_INSTRUCTIONS = `Reply in this thread to answer the visitor; say \`${RELEASE_COMMAND}\` (or press Release) to hand back to the assistant.`;

const KIND_LABEL: Record<HandoffTicket["kind"], string> = {
  human: "wants a person",
  support: "support request",
  hot_lead: "hot lead",
};

const CHANNEL_LABEL: Record<string, string> = { web: "web chat", sms: "SMS" };

/** The hand-off post: who, why, the summary with the profile details, the conversation id, and how to answer. */
export function renderHandoffPost(ticket: HandoffTicket): SlackMessageBody {
  const where = CHANNEL_LABEL[ticket.conversation.channel] ?? ticket.conversation.channel;
  const title = `Hand-off ${ticket.id}: ${KIND_LABEL[ticket.kind]} (${where})`;
  const blocks: types.KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: clip(title, 150) } },
    { type: "section", text: { type: "mrkdwn", text: clip(escapeMrkdwn(ticket.summary), 3000) } },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Reference*\n${escapeMrkdwn(ticket.id)}` },
        { type: "mrkdwn", text: `*Channel*\n${escapeMrkdwn(where)}` },
        { type: "mrkdwn", text: `*Conversation id*\n\`${escapeMrkdwn(ticket.conversation.externalId)}\`` },
        ...(ticket.reason ? [{ type: "mrkdwn" as const, text: `*Reason*\n${escapeMrkdwn(ticket.reason)}` }] : []),
      ],
    },
    { type: "context", elements: [{ type: "mrkdwn", text: HANDOFF_INSTRUCTIONS }] },
    {
      type: "actions",
      elements: [{ type: "button", action_id: RELEASE_ACTION, value: ticket.id, text: { type: "plain_text", text: "Release" } }],
    },
  ];
  return { text: `${title}. ${HANDOFF_INSTRUCTIONS}`, blocks };
}

/** A line in the hand-off's thread. Prospect text is escaped, so it cannot mention or ping anyone. */
export function renderHandoffUpdate(update: HandoffUpdate): string {
  const text = escapeMrkdwn(clip(update.text, 3500));
  switch (update.kind) {
    case "details":
      return `*Added by the visitor:*\n${text}`;
    case "prospect":
      return `*Visitor:* ${text}`;
    case "status":
      return `_${text}_`;
  }
}
