import type { LeadProfile } from "../state.js";
import { checkEmail, companyFromEmail } from "./email.js";
import { toE164 } from "./phone.js";

export type ContactSlot = "email" | "phone";

export interface InvalidSlot {
  slot: ContactSlot;
  value: string;
  reason: string;
}

export interface Extraction {
  profile: Partial<LeadProfile>;
  invalid: InvalidSlot[];
}

export interface ExtractOptions {
  /** Country calling code for numbers written without one (E.164 digits, no "+"). */
  defaultCountryCode?: string;
}

const EMAIL_LIKE = /[^\s@<>(),;:]+@[^\s@<>(),;:]*/g;
const PHONE_CONTEXT = /\b(phone|call|text|reach|number|mobile|cell|tel|whatsapp|sms)\b/i;
const PHONE_LIKE = /(?:\+|\b00)?\(?\d[\d\s().-]{4,}\d(?:\s*(?:ext|x)\.?\s*\d+)?/g;

const NOT_NAMES = new Set(
  "The A An Interested Looking Just Not Here Happy Glad Sorry Trying Wondering Curious Based Calling Writing Ready New Also Still Helix Sales Testing Working In On With From At Your Our Their".split(" "),
);
const CAP_WORD = String.raw`[A-Z][a-zA-Z'’-]+`;
const NAME = new RegExp(
  String.raw`(?:\b[Mm]y name is|\b[Mm]y name's|\b[Tt]his is|\b[Cc]all me|\bI am|\bI['’]m|\bIm)\s+(${CAP_WORD}(?:\s+${CAP_WORD})?)`,
);

const COMPANY_WORD = String.raw`[A-Z][\w&'’.-]*`;
const COMPANY = new RegExp(
  String.raw`(?:\b[Ww]ork(?:ing)? (?:at|for)|\b(?:I['’]m|I am|[Ww]e['’]re|[Ww]e are) (?:at|with|from)|\bfrom|\bat|\b[Cc]ompany(?: is|['’]s| called| named)|\b[Oo]ur company,?)\s+(${COMPANY_WORD}(?:\s+(?:${COMPANY_WORD}|&))*)`,
  "g",
);
const NOT_COMPANIES = /^(Helix|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Q[1-4]|I|The|This|Next|Noon|UTC|GMT|[A-Z]{1,3}T)\b/;

const TITLE = String.raw`(?:chief [a-z]+ officer|CEO|CFO|CTO|COO|CIO|CMO|CRO|CDO|vice president(?: of [a-z]+)?|VP(?: of)? [A-Za-z]+|head of [a-z]+(?: (?!at\b|in\b|for\b|with\b|from\b|and\b|here\b)[a-z]+)?|(?:[a-z]+ )?director(?: of [a-z]+)?|(?:[a-z]+ )?manager|(?:[a-z]+ )?analyst|(?:[a-z]+ )?engineer|(?:[a-z]+ )?architect|co-?founder|founder|owner|president)`;
const ROLE = new RegExp(
  String.raw`(?:\bI['’]?m|\bI am|\bmy (?:role|title|job) is|\bI work as|\bworking as|^[^,]*,)\s+(?:the |a |an |our )?(${TITLE})\b`,
  "im",
);

const AMOUNT = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|K|m|M|thousand|million)?`;
const MONEY = new RegExp(String.raw`(?:(?:USD|US\$|\$)\s?${AMOUNT}|${AMOUNT}\s*(?:dollars|usd|USD|bucks))`);
const BUDGET_CONTEXT = /\b(budget|spend|afford|allocated|approved|set aside|range|can pay|we have|up to|around|about|roughly|max(?:imum)?)\b/i;

const AUTHORITY_YES = /\b(I['’]?m the (?:final )?decision[- ]maker|I make the (?:final )?(?:call|decision)|I decide|I sign off|I have (?:the )?final say|(?:it['’]?s|it is) my (?:call|decision)|I approve (?:the )?budget|I own the budget)\b/i;
const AUTHORITY_NO = /\b(?:check with|run (?:it|this) by|need(?:s)? (?:approval|sign-?off) from|approval from|sign-?off from|(?:my|our) (\w+(?: \w+)?) (?:decides|signs off|makes the (?:call|decision)|has the final say))\s*(?:my |our |the )?([\w ]{2,30}?)?(?=[.,!?;]|$| first| before| on)/i;
const NOT_DECIDER = /\b(?:I['’]?m not the decision[- ]maker|not my (?:call|decision))\b/i;

const NEED = /\b(?:we need|we['’]re looking for|we are looking for|looking for|we want|we['’]d like|struggling with|our (?:problem|challenge|pain) is|(?:the )?pain point is|we have (?:trouble|problems?|issues?) with|we can['’]?t|need (?:a|an|better|to replace|to consolidate))\s+([^.?!\n]{3,160})/i;
const NOT_NEED = /^(?:to check with|a demo|demo|to talk|to speak|someone|help|more info|pricing|your pricing|a price|price)/i;

const NUM_WORD = String.raw`\d+|a|an|one|two|three|four|five|six|nine|twelve|few|couple of`;
const MONTH = String.raw`January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec`;
const TIMELINE = new RegExp(
  [
    String.raw`\b(?:this|next|the next) (?:week|month|quarter|year|fiscal year|half)\b`,
    String.raw`\b(?:in|within) (?:the next )?(?:${NUM_WORD}) (?:days?|weeks?|months?|quarters?|years?)\b`,
    String.raw`\bby (?:the )?(?:end of (?:the |this |next )?(?:month|quarter|year)|${MONTH}|Q[1-4](?: \d{4})?|(?:early|mid|late)[- ](?:${MONTH}))\b`,
    String.raw`\b(?:before|in|during) (?:Q[1-4](?: \d{4})?|(?:${MONTH})(?: \d{4})?)\b`,
    String.raw`\b(?:asap|as soon as possible|immediately|right away|urgently)\b`,
    String.raw`\b(?:no (?:rush|timeline|date set)|just (?:exploring|browsing|researching))\b`,
  ].join("|"),
  "i",
);

function amount(value: string, unit: string | undefined): number {
  const n = Number(value.replace(/,/g, ""));
  const u = (unit ?? "").toLowerCase();
  return u === "k" || u === "thousand" ? n * 1_000 : u === "m" || u === "million" ? n * 1_000_000 : n;
}

export function extractBudget(text: string): string | undefined {
  if (/\bno budget\b|\bbudget (?:isn['’]?t|is not) (?:set|approved|allocated)\b/i.test(text)) return "No budget allocated yet";
  const m = text.match(MONEY);
  if (!m || !(BUDGET_CONTEXT.test(text) || /dollars|usd|bucks/i.test(m[0]))) return undefined;
  const value = amount(m[1] ?? m[3]!, m[2] ?? m[4]);
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const approx = /\b(around|about|roughly|approximately|~)\b|~/i.test(text) ? "about " : /\bup to\b|\bmax/i.test(text) ? "up to " : "";
  return `${approx}$${Math.round(value).toLocaleString("en-US")}`;
}

export function extractAuthority(text: string): string | undefined {
  if (NOT_DECIDER.test(text)) return "Not the decision maker";
  if (AUTHORITY_YES.test(text)) return "Decision maker";
  const m = text.match(AUTHORITY_NO);
  if (!m) return undefined;
  const who = (m[1] ?? m[2] ?? "").trim();
  return who ? `Needs sign-off from their ${who}` : "Needs sign-off from someone else";
}

function firstCompany(text: string): string | undefined {
  for (const m of text.matchAll(COMPANY)) {
    const name = m[1]!.split(/[.!?]\s/)[0]!.replace(/[.'’]+$/, "").trim();
    if (!NOT_COMPANIES.test(name)) return name;
  }
  return undefined;
}

/**
 * Rule-based slot filling over one prospect message. Only what is said outright is taken; anything unsure
 * is left for a question. Email and phone are validated, and a bad one is reported rather than stored.
 */
export function extractSlots(text: string, options: ExtractOptions = {}): Extraction {
  const profile: Partial<LeadProfile> = {};
  const invalid: InvalidSlot[] = [];

  for (const candidate of text.match(EMAIL_LIKE) ?? []) {
    const checked = checkEmail(candidate);
    if (checked.ok) {
      profile.email ??= checked.email;
    } else invalid.push({ slot: "email", value: candidate, reason: checked.reason });
  }
  if (profile.email) invalid.splice(0, invalid.length, ...invalid.filter((i) => i.slot !== "email"));

  const withoutEmails = text.replace(EMAIL_LIKE, " ");
  for (const m of withoutEmails.match(PHONE_LIKE) ?? []) {
    const digits = m.replace(/\D/g, "");
    const explicit = m.trim().startsWith("+") || PHONE_CONTEXT.test(text);
    if (!explicit || digits.length < 4) continue;
    if (MONEY.test(m) || /^\d{4}$/.test(m.trim())) continue;
    const phone = toE164(m, options.defaultCountryCode ?? "1");
    if (phone.ok) {
      profile.phone = phone.e164;
      break;
    }
    invalid.push({ slot: "phone", value: m.trim(), reason: phone.reason });
  }
  if (profile.phone) invalid.splice(0, invalid.length, ...invalid.filter((i) => i.slot !== "phone"));

  const name = text.match(NAME)?.[1];
  if (name && !NOT_NAMES.has(name.split(/\s+/)[0]!) && !/^[A-Z]{2,}$/.test(name)) profile.name = name;

  const company = firstCompany(withoutEmails) ?? (profile.email ? companyFromEmail(profile.email) : undefined);
  if (company) profile.company = company;

  const role = text.match(ROLE)?.[1];
  if (role && !/\b(?:my|our|with) $/i.test(text.slice(0, text.indexOf(role)))) profile.role = role;

  const budget = extractBudget(text);
  if (budget) profile.budget = budget;
  const authority = extractAuthority(text);
  if (authority) profile.authority = authority;

  const need = text.match(NEED)?.[1]?.trim();
  if (need && !NOT_NEED.test(need)) profile.need = need;

  const timeline = text.match(TIMELINE)?.[0];
  if (timeline) profile.timeline = timeline.toLowerCase().replace(/^(\w)/, (c) => c.toUpperCase());

  return { profile, invalid };
}
