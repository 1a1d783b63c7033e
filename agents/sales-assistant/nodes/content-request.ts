import type { OutreachCrm, OutreachRecipient } from "../../../src/core/outreach.js";
import { matchNames } from "../../../tools/crm/name-match.js";
import type { SendFollowUpOutput } from "../../../tools/outreach/send-follow-up.js";
import type { SalesGraphDeps } from "../deps.js";
import { draftFollowUp, isFollowUpRequest, readFollowUpRequest } from "../dialogue/follow-up-request.js";
import { experimentIdIn, readContentAsk } from "../dialogue/content-request-text.js";
import type { GenerateResult } from "../../../tools/content/service.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

export const FOLLOW_UP_TOOL = "send_follow_up";
export const GENERATE_TOOL = "generate_content";
export const REPORT_TOOL = "content_report";

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

const CHANNEL_NAMES: Record<GenerateResult["channel"], string> = {
  subject: "subject lines", email: "email variants", sms: "SMS variants", linkedin: "LinkedIn posts", ad: "search ads", follow_up: "follow-up emails",
};

/** Three variants as a chat reply: angle, the copy, predicted rate with its interval, sources. */
export function generatedText(r: GenerateResult): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [`Three ${CHANNEL_NAMES[r.channel]} for ${r.segment} — ${r.objective}:`];
  for (const v of r.variants) {
    const head = v.subject ? `${v.subject} — ${v.text}` : v.text;
    lines.push(`${v.label}. (${v.angle}) ${head}`, `   predicted ${v.predicted.metric} rate ${pct(v.predicted.value)} (95% interval ${pct(v.predicted.low)}–${pct(v.predicted.high)})${v.sources.length ? ` · sources: ${v.sources.map((s) => s.ref).join("; ")}` : ""}`);
  }
  lines.push(`Experiment ${r.experimentId}; predictions from the ${r.prior.basis}. Record sends and opens with \`salesgraph content event\` or POST /api/content/:variantId/events, and ask me “how is ${r.experimentId} doing?” for the significance test.`);
  return lines.join("\n");
}

/**
 * Content requests without a language model: follow-up drafts are written from the CRM (deal stage, last
 * activity, next step) and handed to `send_follow_up`, which pauses the graph for approval when approvals are
 * required. Other content (campaign copy, subject lines, SMS, LinkedIn posts, search ads) goes to `generate_content`:
 * three variants with predicted rates, stored as an experiment; "how is exp_… doing?" reports it.
 */
export function createContentRequestNode(deps: Pick<SalesGraphDeps, "tools" | "outreach" | "company">) {
  return async function contentRequest(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role === "prospect") return reply(CONTENT_TEXT.prospect, "content_request");
    const text = lastUserText(state);
    const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
    const experimentId = experimentIdIn(text);
    if (experimentId && deps.tools.audienceOf(REPORT_TOOL)) {
      const out = await deps.tools.call<{ text: string }>(REPORT_TOOL, { experimentId }, context);
      return reply(out.text, "content_request", { toolResults: [{ tool: REPORT_TOOL, ok: true, output: out }] });
    }
    const isFollowUp = isFollowUpRequest(text) && deps.outreach && deps.tools.audienceOf(FOLLOW_UP_TOOL);
    if (!isFollowUp && deps.tools.audienceOf(GENERATE_TOOL)) {
      const ask = readContentAsk(text);
      const out = await deps.tools.call<GenerateResult>(GENERATE_TOOL, ask, context);
      return reply(generatedText(out), "content_request", { toolResults: [{ tool: GENERATE_TOOL, ok: true, output: out }] });
    }
    if (!isFollowUp || !deps.outreach) return reply(CONTENT_TEXT.notYet, "content_request");
    const request = readFollowUpRequest(text);
    const found = await findRecipient(deps.outreach, text, request.personName);
    if ("reply" in found) return reply(found.reply, "content_request");
    const crmContext = await deps.outreach.followUpContext(found.recipient);
    const draft = draftFollowUp({ recipient: found.recipient, context: crmContext, topic: request.topic, channel: request.channel, sender: `The ${deps.company.name} team` });
    const input = {
      channel: request.channel,
      to: { id: found.recipient.id },
      ...(request.channel === "email" ? { subject: draft.subject } : {}),
      body: draft.body,
      ...(crmContext.dealId ? { dealId: crmContext.dealId } : {}),
    };
    // With approvals on, this call pauses the graph (interrupt) until a person decides; the node then runs again.
    const out = await deps.tools.call<SendFollowUpOutput>(FOLLOW_UP_TOOL, input, context);
    const what = request.channel === "email" ? "email" : "SMS";
    return reply(outcomeText(out, what), "content_request", { toolResults: [{ tool: FOLLOW_UP_TOOL, ok: out.status === "sent", output: out }] });
  };
}
