import type { LeadProfile, ProfileSlot } from "../state.js";
import { extractBudget } from "./budget.js";
import { checkEmail, companyFromEmail } from "./email.js";
import { extractAuthority, extractCompany, extractName, extractRole } from "./people.js";
import { toE164 } from "./phone.js";
import { extractTeamSize } from "./team-size.js";
import { extractTimeline } from "./timeline.js";
import { extractTimeZone } from "./timezone.js";

export { extractBudget } from "./budget.js";
export { extractAuthority } from "./people.js";

export type ContactSlot = "email" | "phone";

export interface InvalidSlot {
  slot: ContactSlot;
  value: string;
  reason: string;
}

export interface Extraction {
  profile: Partial<LeadProfile>;
  invalid: InvalidSlot[];
  /** Slots this message explicitly corrects ("actually it's…", "sorry, I meant…"): overwrite them even if set. */
  corrections: ProfileSlot[];
}

export interface ExtractOptions {
  /** ISO region for phone numbers written without a country code ("US", "GB", "DE"). Default "US". */
  defaultCountry?: string;
  /** Older form of `defaultCountry`: a calling code ("1", "49"). Used only when `defaultCountry` is not given. */
  defaultCountryCode?: string;
}

const EMAIL_LIKE = /[^\s@<>(),;:]+@[^\s@<>(),;:]*/g;
const PHONE_CONTEXT = /\b(phone|call|text|reach|number|mobile|cell|tel|whatsapp|sms|ring)\b/i;
const PHONE_LIKE = /(?:\+|\b00)?\(?\d[\d\s().-]{4,}\d(?:\s*(?:ext|x)\.?\s*\d+)?/g;
const NOT_PHONE = /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^\d{4}$|^\d{1,2}\s*-\s*\d{1,2}$/;

const NEED = /\b(?:we need|we['’]re looking for|we are looking for|looking for|we want|we['’]d like|struggling with|our (?:problem|challenge|pain) is|(?:the )?pain point is|we have (?:trouble|problems?|issues?) with|we can['’]?t|need (?:a|an|better|to replace|to consolidate))\s+([^.?!\n]{3,160})/i;
const NOT_NEED = /^(?:to check with|(?:an? |the )?(?:demo|person|human|call|quote|meeting|rep|representative|someone|somebody|real person|agent)|to talk|to speak|help|more info|pricing|your pricing|a price|price)\b/i;

/** Words that mark a message as fixing something said before. */
const CORRECTION = /^\s*(?:no|nope|oops|wait|sorry,? (?:it['’]?s|make that|that should be))\b[,!.:;-]?|\bactually\b|\bI meant\b|\bcorrection\b|\bmake (?:that|it)\b|\bmy (?:bad|mistake)\b|\btypo\b|\bscratch that\b|\bshould (?:have been|be|read)\b|\bto correct\b|\bnot\s+[^\s,]+,\s*(?:but|it['’]?s)\b|\binstead\b/i;
const CLAUSE_BREAK = /[.;!?]\s|\s[—–-]\s/g;

function readContacts(text: string, options: ExtractOptions, profile: Partial<LeadProfile>, invalid: InvalidSlot[]): string {
  for (const candidate of text.match(EMAIL_LIKE) ?? []) {
    const checked = checkEmail(candidate);
    if (checked.ok) profile.email ??= checked.email;
    else invalid.push({ slot: "email", value: candidate, reason: checked.reason });
  }
  if (profile.email) invalid.splice(0, invalid.length, ...invalid.filter((i) => i.slot !== "email"));

  const withoutEmails = text.replace(EMAIL_LIKE, " ");
  const country = options.defaultCountry ?? options.defaultCountryCode ?? "US";
  for (const m of withoutEmails.matchAll(PHONE_LIKE)) {
    const raw = m[0].trim();
    const explicit = /^(?:\+|00)/.test(raw) || PHONE_CONTEXT.test(text);
    if (!explicit || raw.replace(/\D/g, "").length < 4 || NOT_PHONE.test(raw)) continue;
    if (/[$€£]\s*$|\b(?:USD|EUR|GBP)\s*$/i.test(withoutEmails.slice(0, m.index))) continue;
    const phone = toE164(raw, country);
    if (phone.ok) {
      profile.phone = phone.e164;
      break;
    }
    invalid.push({ slot: "phone", value: raw, reason: phone.reason });
  }
  if (profile.phone) invalid.splice(0, invalid.length, ...invalid.filter((i) => i.slot !== "phone"));
  return withoutEmails;
}

interface Read {
  profile: Partial<LeadProfile>;
  invalid: InvalidSlot[];
  /** Slots inferred rather than said (the company from an email domain). */
  inferred: ProfileSlot[];
}

function readSlots(text: string, options: ExtractOptions): Read {
  const profile: Partial<LeadProfile> = {};
  const invalid: InvalidSlot[] = [];
  const rest = readContacts(text, options, profile, invalid);

  const company = extractCompany(rest);
  const found: Partial<LeadProfile> = {
    name: extractName(text),
    company: company ?? (profile.email ? companyFromEmail(profile.email) : undefined),
    role: extractRole(text),
    teamSize: extractTeamSize(rest),
    budget: extractBudget(rest),
    authority: extractAuthority(text),
    timeline: extractTimeline(rest),
    timeZone: extractTimeZone(rest),
  };
  const need = text.match(NEED)?.[1]?.trim();
  if (need && !NOT_NEED.test(need)) found.need = need;
  for (const [key, value] of Object.entries(found)) if (value !== undefined) Object.assign(profile, { [key]: value });
  return { profile, invalid, inferred: !company && found.company ? ["company"] : [] };
}

/** The slots the clause holding a correction word gives ("Dana from Acme. Actually make that 60k" → budget). */
function correctedSlots(text: string, options: ExtractOptions): { slots: ProfileSlot[]; extra: Partial<LeadProfile> } {
  const cue = text.match(CORRECTION);
  if (!cue) return { slots: [], extra: {} };
  const start = Math.max(0, ...[...text.slice(0, cue.index).matchAll(CLAUSE_BREAK)].map((b) => b.index! + b[0].length));
  const clause = text.slice(start);
  const { profile, inferred } = readSlots(clause, options);
  for (const slot of inferred) delete profile[slot];
  const extra: Partial<LeadProfile> = {};
  // "sorry, I meant 60k": after a correction word a bare amount or period is enough.
  const tail = clause.slice(clause.search(CORRECTION)).replace(new RegExp(CORRECTION.source, "gi"), "").replace(/^[\s,:;-]*(?:it['’]?s|that['’]?s|to)?\s*/i, "");
  if (Object.keys(profile).length === 0 && tail.split(/\s+/).length <= 4) {
    const timeline = extractTimeline(tail, { answer: true });
    const budget = timeline ? undefined : extractBudget(tail, { answer: true });
    if (timeline) extra.timeline = timeline;
    if (budget) extra.budget = budget;
  }
  return { slots: Object.keys({ ...profile, ...extra }) as ProfileSlot[], extra };
}

/**
 * Rule-based slot filling over one prospect message: several slots at once, in any order. Only what is said
 * outright is taken; anything unsure is left for a question. Email and phone are validated, and a bad one
 * is reported rather than stored.
 */
export function extractSlots(text: string, options: ExtractOptions = {}): Extraction {
  const { profile, invalid } = readSlots(text, options);
  const { slots, extra } = correctedSlots(text, options);
  return { profile: { ...profile, ...extra }, invalid, corrections: slots };
}
