import type { LeadProfile, ProfileSlot } from "../state.js";

export type QualificationSlot = ProfileSlot;

/** BANT first, then who they are: what a pricing conversation most needs to learn next. */
export const PRICING_ORDER: readonly QualificationSlot[] = ["need", "budget", "timeline", "authority", "company", "role", "name", "email"];
/** Before a demo: how to send the invite, then who is coming. */
export const DEMO_CONTACT_ORDER: readonly QualificationSlot[] = ["email"];
export const AFTER_BOOKING_ORDER: readonly QualificationSlot[] = ["need", "budget", "timeline", "authority", "company", "role", "name"];

const QUESTIONS: Record<Exclude<QualificationSlot, "need">, string> = {
  name: "May I have your name?",
  email: "What's the best email address to reach you?",
  phone: "What's the best phone number to reach you?",
  company: "Which company are you with?",
  role: "What's your role there?",
  budget: "Do you have a budget in mind for this, even a rough range?",
  authority: "Will you be making the decision, or is someone else involved in signing off?",
  timeline: "When are you hoping to have something in place?",
  teamSize: "How many people would use it?",
  timeZone: "Which time zone are you in, so I can offer times that suit you?",
};

/** The first slot in `order` the profile does not hold yet; never one already given. */
export function firstMissing(profile: Partial<LeadProfile>, order: readonly QualificationSlot[]): QualificationSlot | undefined {
  return order.find((slot) => profile[slot] === undefined || profile[slot] === "");
}

/** The question for a slot; `productName` ("Helix") names who helps in the need question, "us" by default. */
export function questionFor(slot: QualificationSlot, productName = "us"): string {
  if (slot === "need") return `What would you mainly like ${productName} to help your team with?`;
  return QUESTIONS[slot];
}

export function invalidText(slot: "email" | "phone", value: string, reason: string): string {
  return `"${value}" doesn't look like a valid ${slot === "email" ? "email address" : "phone number"}: ${reason}. Could you check it and send it again?`;
}
