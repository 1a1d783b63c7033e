import type { SalesGraphDeps } from "../deps.js";
import { invalidText, questionFor } from "../qualification/next-question.js";
import type { LeadProfile, ProfileSlot, SalesStateType, SalesStateUpdate } from "../state.js";
import { declinedSlots } from "../dialogue/recall.js";
import { lastUserText, reply } from "./reply.js";

const LABELS: Partial<Record<ProfileSlot, string>> = {
  name: "your name", email: "your email", phone: "your phone number", company: "your company", role: "your role",
  budget: "your budget", authority: "who signs off", need: "what you need", timeline: "your timeline",
  teamSize: "your team size", timeZone: "your time zone",
};

function noted(slots: readonly ProfileSlot[], profile: LeadProfile): string {
  const parts = slots.filter((s) => LABELS[s] && profile[s] !== undefined).map((s) => `${LABELS[s]} (${String(profile[s])})`);
  if (parts.length === 0) return "Thanks.";
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `Thanks — I've noted ${list}.`;
}

const OFFER = (company: string) => `How can I help — questions about ${company}, pricing, or a demo?`;

/**
 * The prospect answered (or declined) a qualification question, or volunteered details: acknowledge in a
 * line; finish_turn then asks the next missing slot, if any. An invalid contact detail is asked again with
 * the reason.
 */
export function createQualifyNode(deps: Pick<SalesGraphDeps, "company">) {
  return async function qualify(state: SalesStateType): Promise<SalesStateUpdate> {
    const intent = state.intent ?? "pricing";
    const answer = state.askAnswer;
    const ask = state.priorAsk;
    if (answer?.kind === "invalid" && ask?.kind === "slot" && (answer.slot === "email" || answer.slot === "phone")) {
      return reply(invalidText(answer.slot, answer.value, answer.reason), intent, { pendingAsk: ask });
    }
    if (answer?.kind === "declined" || (!answer && declinedSlots(lastUserText(state)).length > 0)) {
      return reply("No problem — we can skip that.", intent);
    }
    const text = noted(state.newDetails ?? [], state.profile);
    if (ask?.kind === "slot" && !answer && !state.profile[ask.slot]) {
      // details about something else: keep the question open, once
      return reply(`${text} ${questionFor(ask.slot, deps.company.name)}`, intent, { pendingAsk: ask });
    }
    if (!ask) return reply(`${text} ${OFFER(deps.company.name)}`, "smalltalk");
    return reply(text, intent);
  };
}
