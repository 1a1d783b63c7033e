import { questionFor, type QualificationSlot } from "../qualification/next-question.js";
import type { LeadProfile, PendingAsk, ProfileSlot } from "../state.js";

/** What a prospect conversation most needs to learn next, BANT first; contact details come with a booking. */
export const QUALIFY_ORDER: readonly QualificationSlot[] = ["need", "budget", "timeline", "authority", "company", "role"];

/** The next slot to ask for: missing, never asked before, never declined. */
export function nextQualificationSlot(
  profile: LeadProfile,
  asked: readonly ProfileSlot[],
  declined: readonly ProfileSlot[],
  order: readonly QualificationSlot[] = QUALIFY_ORDER,
): QualificationSlot | undefined {
  return order.find((slot) => !profile[slot] && !asked.includes(slot) && !declined.includes(slot));
}

/** The question that brings a flow back to where it was after a question asked in the middle of it. */
export function resumeText(ask: PendingAsk, companyName: string): string {
  if (ask.kind === "option") {
    return [
      "Back to your demo — which of these times suits you?",
      ...ask.options.map((o) => `${o.n}. ${o.label}`),
      "Reply with a number, or name another day and time.",
    ].join("\n");
  }
  if (ask.kind === "slot") return `To finish setting up your demo: ${questionFor(ask.slot, companyName)}`;
  return ask.detail ?? "";
}
