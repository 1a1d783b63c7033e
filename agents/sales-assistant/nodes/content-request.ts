import type { OutreachCrm, OutreachRecipient } from "../../../src/core/outreach.js";
import { matchNames } from "../../../tools/crm/name-match.js";
import type { SendFollowUpOutput } from "../../../tools/outreach/send-follow-up.js";
import type { SalesGraphDeps } from "../deps.js";
import { draftFollowUp, isFollowUpRequest, readFollowUpRequest } from "../dialogue/follow-up-request.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

export const FOLLOW_UP_TOOL = "send_follow_up";

export const CONTENT_TEXT = {
  notYet:
    "Campaign content generation (channel copy, subject lines, A/B variants) isn't available in this deployment yet, so I won't make something up. I can draft and send a follow-up to a CRM contact or lead, e.g. “send a follow-up to Jane Doe about pricing”.",
  prospect: "I can't help with that here. Would you like me to connect you with someone from our team?",
  whom: "Who should the follow-up go to? Name a CRM contact or lead (“send a follow-up to Jane Doe”) or an account (“to the Globex contact”).",
} as const;

type Found = { recipient: OutreachRecipient } | { reply: string };

/** The CRM person a request names: a person (narrowed by an account named too), else the account's senior contact. */
async function findRecipient(crm: OutreachCrm, text: string, personName: string | undefined): Promise<Found> {
  const accounts = matchNames(text, await crm.accountNames()).map((m) => m.name);
  const account = accounts[0];
  const isAccount = personName && account && matchNames(personName, [account]).length > 0;
  if (personName && !isAccount) {
    const people = await crm.findRecipients({ name: personName, ...(account ? { company: account } : {}) });
    if (people.length === 1) return { recipient: people[0]! };
    if (people.length > 1) {
      const list = people.slice(0, 5).map((p) => `• ${p.name}${p.company ? ` (${p.company})` : ""} — ${p.id}`);
      return { reply: [`Several people in the CRM match “${personName}”. Which one? Say the name with the company, or the id:`, ...list].join("\n") };
    }
    if (!account) return { reply: `I couldn't find “${personName}” among the CRM's contacts or leads. ${CONTENT_TEXT.whom}` };
  }
  if (!account) return { reply: CONTENT_TEXT.whom };
  const contacts = await crm.contactsOfAccount(account);
  if (contacts.length === 0) return { reply: `${account} has no contacts in the CRM to send a follow-up to.` };
  return { recipient: contacts[0]! };
}

function outcomeText(out: SendFollowUpOutput, what: string): string {
  switch (out.status) {
    case "sent":
      return `Sent the follow-up ${what} to ${out.to.name} <${out.to.address}>${out.approvedBy ? ` — ${out.edited ? "edited and approved" : "approved"} by ${out.approvedBy}` : ""}.`;
    case "rejected":
      return `The follow-up ${what} was rejected by ${out.decidedBy}; nothing was sent.`;
    case "deferred":
      return `Not sent: it is quiet hours where the recipient is, until ${out.until}. Ask again after that.`;
    case "blocked":
    case "not_found":
    case "invalid_edit":
    case "failed":
      return `The follow-up ${what} was not sent: ${out.detail}.`;
    case "ambiguous":
      return `${out.detail}: ${out.candidates.map((c) => `${c.name} (${c.id})`).join(", ")}.`;
  }
}

/**
 * Content requests without a language model: follow-up drafts are written from the CRM (deal stage, last
 * activity, next step) and handed to `send_follow_up`, which pauses the graph for approval when approvals are
 * required. Other content (campaign copy, subject lines, A/B variants) is declined honestly.
 */
export function createContentRequestNode(deps: Pick<SalesGraphDeps, "tools" | "outreach" | "company">) {
  return async function contentRequest(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role === "prospect") return reply(CONTENT_TEXT.prospect, "content_request");
    const text = lastUserText(state);
    if (!isFollowUpRequest(text) || !deps.outreach || !deps.tools.audienceOf(FOLLOW_UP_TOOL)) return reply(CONTENT_TEXT.notYet, "content_request");
    const request = readFollowUpRequest(text);
    const found = await findRecipient(deps.outreach, text, request.personName);
    if ("reply" in found) return reply(found.reply, "content_request");
    const context = await deps.outreach.followUpContext(found.recipient);
    const draft = draftFollowUp({ recipient: found.recipient, context, topic: request.topic, channel: request.channel, sender: `The ${deps.company.name} team` });
    const input = {
      channel: request.channel,
      to: { id: found.recipient.id },
      ...(request.channel === "email" ? { subject: draft.subject } : {}),
      body: draft.body,
      ...(context.dealId ? { dealId: context.dealId } : {}),
    };
    // With approvals on, this call pauses the graph (interrupt) until a person decides; the node then runs again.
    const out = await deps.tools.call<SendFollowUpOutput>(FOLLOW_UP_TOOL, input, {
      actor: state.actor,
      channel: state.channel,
      conversationId: state.conversationId,
    });
    const what = request.channel === "email" ? "email" : "SMS";
    return reply(outcomeText(out, what), "content_request", { toolResults: [{ tool: FOLLOW_UP_TOOL, ok: out.status === "sent", output: out }] });
  };
}
