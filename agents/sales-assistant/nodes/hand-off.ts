import { HumanMessage } from "@langchain/core/messages";
import { HandoffLimitError } from "../../../src/core/errors.js";
import type { Handoff } from "../../../src/infra/postgres/handoffs-repo.js";
import { answerFromKnowledge } from "../answers/answer-from-knowledge.js";
import type { SalesGraphDeps } from "../deps.js";
import type { LeadProfile, SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply, textOf } from "./reply.js";

const MAX_QUOTES = 5;

/** A summary a person can act on without reading the whole transcript. */
export function summarizeConversation(state: Pick<SalesStateType, "messages" | "channel" | "profile" | "intent">): string {
  const userTexts = state.messages.filter((m) => HumanMessage.isInstance(m)).map(textOf);
  const quotes = userTexts.slice(-MAX_QUOTES).map((t) => `- "${t.length > 240 ? `${t.slice(0, 237)}...` : t}"`);
  const known = Object.entries(state.profile as LeadProfile)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}: ${v}`);
  return [
    `Channel: ${state.channel}. Messages from the visitor: ${userTexts.length}. Latest request: ${state.intent ?? "unknown"}.`,
    known.length ? `Known details: ${known.join("; ")}.` : "No contact details collected yet.",
    "What they said (most recent last):",
    ...quotes,
  ].join("\n");
}

/** Words that ask for a person or a ticket outright: no answer is tried first. */
const ASKS_FOR_A_PERSON =
  /\b(?:human|person|someone|somebody|agent|representative|sales ?(?:person|rep|team)|real person|talk (?:to|with)|speak (?:to|with)|call me|ticket|support team|open a (?:ticket|case)|escalate|manager)\b/i;

export function createHandoffNode(deps: Pick<SalesGraphDeps, "tools" | "company" | "llm">, kind: "human" | "support") {
  return async function handOff(state: SalesStateType): Promise<SalesStateUpdate> {
    const intent = kind === "support" ? "support" : "human_handoff";
    const text = lastUserText(state);
    if (state.actor.role === "prospect" && !state.handoff && !ASKS_FOR_A_PERSON.test(text)) {
      // Routed to support, but the knowledge base may answer it: answer first, then offer a person.
      const answer = await answerFromKnowledge(deps, { question: text, actor: state.actor, channel: state.channel, conversationId: state.conversationId, profile: state.profile });
      if (answer.confident) {
        return reply(`${answer.text}\n\nIf that doesn't solve it, I can open a ticket or bring in a person from our team — just say so.`, "product_question", {
          toolResults: answer.toolResults,
        });
      }
    }
    let ticket: Handoff;
    try {
      ticket = await deps.tools.call<Handoff>(
        "create_handoff",
        { kind, summary: summarizeConversation({ ...state, intent }), reason: intent },
        { actor: state.actor, channel: state.channel, conversationId: state.conversationId },
      );
    } catch (error) {
      if (!(error instanceof HandoffLimitError)) throw error;
      // No ticket (this visitor has several open, or a flood): the person still gets a way to reach us.
      return reply(
        `Our team can't take a new request here right now. Please email ${deps.company.supportEmail} or call ${deps.company.supportPhone}, and a person will get back to you.`,
        intent,
        {},
      );
    }
    const answerText = ticket.appended
      ? `I've added that to your request ${ticket.id} — a person will see it and reply right here.`
      : kind === "support"
        ? `I've opened support ticket ${ticket.id} with a summary of what you told me. Our support team will reply here within one business day; for anything urgent, email ${deps.company.supportEmail} or call ${deps.company.supportPhone} and quote ${ticket.id}.`
        : `I'm bringing in a member of our team — they'll see a summary of our conversation (reference ${ticket.id}) and reply right here, usually within a few business hours. Anything you'd like me to pass on meanwhile?`;
    return reply(answerText, intent, { handoff: { id: ticket.id, kind }, activeFlow: "handoff" });
  };
}
