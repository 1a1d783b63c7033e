import type { LeadProfile, ProfileSlot } from "../state.js";

const SLOT_WORDS: [RegExp, ProfileSlot][] = [
  [/\bbudget\b/i, "budget"],
  [/\b(?:e-?mail|email address)\b/i, "email"],
  [/\b(?:phone|number|mobile|cell)\b/i, "phone"],
  [/\bname\b/i, "name"],
  [/\bcompany|employer|organi[sz]ation\b/i, "company"],
  [/\b(?:role|title|job)\b/i, "role"],
  [/\b(?:timeline|timeframe|time frame|deadline|go[- ]live)\b/i, "timeline"],
  [/\bteam size|how many (?:people|users|seats)\b/i, "teamSize"],
  [/\btime ?zone\b/i, "timeZone"],
  [/\b(?:need|problem|use case|pain)\b/i, "need"],
];

const ABOUT_ME = new RegExp(
  [
    String.raw`\b(?:what|which|do you (?:have|know|remember)|did i (?:say|tell|give|mention)|remind me|what'?s|what is|what was|have you got)\b.*\bmy\b`,
    String.raw`\bwhat did i (?:say|tell you|give)\b`,
    String.raw`\b(?:what|which)\b.*\b(?:do you have|have you got|you have|you've got)\b.*\b(?:for me|on me|me down|on file|about me)\b`,
    String.raw`\bremind me\b.*\b(?:you have|you've got|i gave|i said|i told)\b`,
  ].join("|"),
  "i",
);

const DECLINES = /\b(?:(?:I['’]?d |I would |we['’]?d )?rather not|prefer not to|(?:can['’]?t|cannot|won['’]?t) (?:say|share|tell|disclose|give)|not (?:ready|able|going) to (?:say|share|give|disclose)|not telling|(?:let['’]?s |can we |I['’]ll )skip)\b/i;

/** The slots a prospect declines without being asked ("I'd rather not share our budget at this point"). */
export function declinedSlots(text: string): ProfileSlot[] {
  if (!DECLINES.test(text)) return [];
  return SLOT_WORDS.filter(([pattern]) => pattern.test(text)).map(([, slot]) => slot);
}

/** The profile slots a prospect asks us to recall ("what did I say my budget was?"), or none. */
export function recallSlots(text: string): ProfileSlot[] {
  if (!ABOUT_ME.test(text)) return [];
  return SLOT_WORDS.filter(([pattern]) => pattern.test(text)).map(([, slot]) => slot);
}

const LABELS: Record<ProfileSlot, string> = {
  name: "name", email: "email address", phone: "phone number", company: "company", role: "role", budget: "budget",
  authority: "sign-off", need: "main need", timeline: "timeline", teamSize: "team size", timeZone: "time zone",
};

/** What we hold for each asked slot, in the prospect's terms; says plainly when we hold nothing. */
export function recallText(slots: readonly ProfileSlot[], profile: LeadProfile): string {
  return slots
    .map((slot) => {
      const value = profile[slot];
      if (value === undefined || value === "") return `I don't have your ${LABELS[slot]} yet.`;
      const shown = slot === "teamSize" ? `${value} people` : String(value);
      return `You told me your ${LABELS[slot]} is ${shown}.`;
    })
    .join(" ");
}
