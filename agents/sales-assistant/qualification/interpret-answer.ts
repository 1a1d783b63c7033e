import type { LeadProfile, ProfileSlot } from "../state.js";
import { extractBudget } from "./budget.js";
import { checkEmail } from "./email.js";
import { type ExtractOptions, extractSlots } from "./extract-slots.js";
import { TITLE } from "./people.js";
import { toE164 } from "./phone.js";
import { extractTeamSize } from "./team-size.js";
import { extractTimeline } from "./timeline.js";
import { extractTimeZone } from "./timezone.js";

/** What a message means as the answer to "what is your <slot>?". */
export type AnswerInterpretation =
  | {
      [S in ProfileSlot]: {
        kind: "value";
        slot: S;
        value: NonNullable<LeadProfile[S]>;
        /** Every slot the message gives, the asked one included ("Dana, CTO at Globex" → name, role, company). */
        profile: Partial<LeadProfile>;
        corrections: ProfileSlot[];
      };
    }[ProfileSlot]
  | { kind: "declined"; slot: ProfileSlot }
  | { kind: "invalid"; slot: ProfileSlot; value: string; reason: string }
  | { kind: "none" };

const QUESTION_START = /^\s*(?:what|what['’]s|how|which|who|whom|whose|why|when|where|do|does|did|can|could|would|will|should|shall|is|are|was|were|have|has|may|might|any|tell me)\b/i;
const REQUEST = /\b(?:talk|speak|chat) (?:to|with)\b|\b(?:a |real )?(?:human|real person|representative|live agent)\b|\b(?:book|schedule|set up) (?:a |the )?(?:demo|call|meeting)\b|\bunsubscribe\b|^\s*stop\s*[.!]?\s*$/i;
const DECLINE = /\b(?:(?:I['’]?d |I would )?rather not|prefer not|no idea|not sure|(?:I )?don['’]?t know|dunno|no comment|not telling|can['’]?t (?:say|share|tell|disclose)|(?:not|haven['’]?t) (?:yet )?decided|none of your business|not (?:ready|able) to (?:say|share)|(?:let['’]?s |can we |I['’]ll )skip|I['’]ll pass)\b/i;
const DECLINE_WORD = /^\s*(?:skip(?: (?:it|that|this(?: one)?))?|pass|n\/?a|tbd|next(?: question)?|no comment|later|not now|none|nothing)\s*[.!]?\s*$/i;
const ACK = /^(?:[\s,.!]*(?:ok(?:ay)?|k|sure|thanks?|thank you|thx|cool|great|nice|good|fine|hi|hello|hey|yes|yep|yeah|yup|no|nope|nah|hmm+|lol|right|got it|sounds good)\b)+[\s,.!]*$/i;
const NOT_NAME_WORDS = new Set(
  "ok okay sure thanks thank you hi hello hey yes no yep nope yeah not the a an and or what why how who skip pass later none nothing me my we our it is are was good great fine cool please sorry help demo pricing price monday tuesday wednesday thursday friday saturday sunday today tomorrow january february march april june july august september october november december".split(" "),
);
const PRONOUN_START = /^\s*(?:I|I['’]m|we|we['’]re|you|my|our|it|they|this|that|there|please|just|let|so|well|hmm)\b/i;

function isQuestion(text: string): boolean {
  return /\?\s*$/.test(text) || QUESTION_START.test(text);
}

const titleCase = (s: string) => s.replace(/(^|[\s'-])(\p{Ll})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
const tidy = (s: string) => s.trim().replace(/\s+/g, " ").replace(/[\s.!,;:]+$/, "");

/** The first clause of a short reply: "Dana, CTO at Globex" → "Dana". */
const firstClause = (s: string) => s.split(/,|;|\s[—–-]\s|\s(?:from|at|with)\s/i)[0]!;

function bareName(text: string): string | undefined {
  const clause = tidy(firstClause(text.replace(/^\s*(?:(?:hi|hello|hey|sure|yes|ok(?:ay)?)[,!.]?\s+)?(?:it['’]?s|I['’]?m|I am|this is|my name['’]?s|my name is|name['’]?s|call me)\s+/i, "")).replace(/\s+here$/i, ""));
  const words = clause.split(" ");
  if (words.length === 0 || words.length > 3 || clause.length > 40) return undefined;
  if (!words.every((w) => /^\p{L}[\p{L}'’.-]*$/u.test(w) && !NOT_NAME_WORDS.has(w.toLowerCase()))) return undefined;
  return clause === clause.toLowerCase() || clause === clause.toUpperCase() ? titleCase(clause.toLowerCase()) : clause;
}

function bareCompany(text: string): string | undefined {
  const stripped = text.replace(/^\s*(?:it['’]?s|we['’]re|we are|I['’]m (?:with|at|from)|I am (?:with|at|from)|I work (?:at|for)|at|with|for|from|the company is|company is|we['’]re called|it['’]s called)\s+/i, "");
  if (PRONOUN_START.test(stripped)) return undefined;
  const name = tidy(stripped.split(/,|;|\s[—–-]\s/)[0]!).replace(/\s+here$/i, "");
  const words = name.split(" ");
  if (!name || words.length > 5 || name.length > 50 || NOT_NAME_WORDS.has(name.toLowerCase())) return undefined;
  return name === name.toLowerCase() ? titleCase(name) : name;
}

function bareRole(text: string): string | undefined {
  const title = text.match(new RegExp(`\\b${TITLE}\\b`, "i"))?.[0];
  if (title) return title;
  const role = tidy(text.replace(/^\s*(?:I['’]?m|I am|my (?:role|title|job) is|I work as)\s+(?:an? |the )?/i, ""));
  if (PRONOUN_START.test(role)) return undefined;
  return role && role.split(" ").length <= 6 ? role : undefined;
}

const AUTHORITY_PERSON = /\b(?:my|our|the)\s+((?:[\w-]+\s+){0,2}?(?:boss|manager|ceo|cfo|cto|coo|cio|cmo|cro|vp(?:\s+of)?(?:\s+\w+)?|head of \w+|director|founder|co-?founder|owner|board|partners?|procurement|finance(?: team)?|legal|leadership(?: team)?|president|committee|supervisor|team lead))\b/i;
const AUTHORITY_ME = /^\s*(?:yes|yep|yeah|yup|sure|correct|that['’]?s (?:me|right)|me|i do|i will|i am|i['’]m the one|myself|just me|mostly me|it['’]?s me|it['’]?s mine|mine|i decide|ultimately me|that would be me)\b/i;
const AUTHORITY_SHARED = /\b(?:me and|both|together with|jointly|along with|as well as|and i)\b/i;
const AUTHORITY_OTHER = /^\s*(?:no|nope|not me|not really|someone else|somebody else|others?)\b/i;

function bareAuthority(text: string): string | undefined {
  const person = text.match(AUTHORITY_PERSON)?.[1];
  const me = AUTHORITY_ME.test(text);
  if (person && (me || AUTHORITY_SHARED.test(text))) return `Shares the decision with their ${person}`;
  if (person) return `Needs sign-off from their ${person}`;
  if (AUTHORITY_OTHER.test(text)) return "Needs sign-off from someone else";
  return me ? "Decision maker" : undefined;
}

function bareNeed(text: string): string | undefined {
  const need = tidy(text);
  const words = need.split(" ");
  if (words.length < 2 && need.length < 6) return undefined;
  return need.length > 300 ? `${need.slice(0, 297)}…` : need;
}

/** The value a reply gives for `slot` when only that question makes it one ("Northwind", "40k", "Q2"). */
function bareValue(text: string, slot: ProfileSlot): string | number | undefined {
  switch (slot) {
    case "budget":
      return /^\s*(?:none|nothing|zero|\$?0|no budget|nothing allocated)(?: yet| so far| at the moment)?\s*[.!]?\s*$/i.test(text) ? "No budget allocated yet" : extractBudget(text, { answer: true });
    case "timeline":
      return extractTimeline(text, { answer: true });
    case "teamSize":
      return extractTeamSize(text, { answer: true });
    case "timeZone":
      return extractTimeZone(text, { answer: true });
    case "authority":
      return bareAuthority(text);
    default:
      if (isQuestion(text) || REQUEST.test(text) || ACK.test(text)) return undefined;
      if (slot === "name") return bareName(text);
      if (slot === "company") return bareCompany(text);
      if (slot === "role") return bareRole(text);
      if (slot === "need") return bareNeed(text);
      return undefined;
  }
}

/** Slots whose bare answer has a shape of its own, so "not sure, maybe 40k" is still a value. */
const SHAPED = new Set<ProfileSlot>(["budget", "timeline", "teamSize", "timeZone"]);

/** A contact detail given on its own: "415 555 0134", "dana at acme dot com". */
function bareContact(text: string, slot: "email" | "phone", options: ExtractOptions): { value: string } | { invalid: string; reason: string } | undefined {
  if (slot === "phone") {
    const raw = text.match(/(?:\+|\b00)?\(?\d[\d\s().-]{3,}\d/)?.[0];
    if (!raw || isQuestion(text)) return undefined;
    const phone = toE164(raw, options.defaultCountry ?? options.defaultCountryCode ?? "US");
    return phone.ok ? { value: phone.e164 } : { invalid: raw.trim(), reason: phone.reason };
  }
  const spoken = text.trim().match(/^([\w.+-]+)\s+at\s+([\w-]+(?:\s+dot\s+[\w-]+)+)\s*[.!]?$/i);
  if (spoken) {
    const checked = checkEmail(`${spoken[1]}@${spoken[2]!.replace(/\s+dot\s+/gi, ".")}`);
    return checked.ok ? { value: checked.email } : undefined;
  }
  const token = text.trim();
  if (/^[\w.+-]+\.[a-z]{2,}$/i.test(token) && !token.includes("@")) return { invalid: token, reason: "it has no @ (like name@company.com)" };
  return undefined;
}

/**
 * Reads a message as the answer to the assistant's question for `expecting`. Bare answers count that the
 * general extractor would not take on its own ("Northwind", "40k", "about 40", "me"); a question or request
 * is not an answer unless it also carries the value ("it's dana@x.com, is that ok?").
 */
export function interpretAnswer(text: string, expecting: ProfileSlot, options: ExtractOptions = {}): AnswerInterpretation {
  const extraction = extractSlots(text, options);
  const profile: Partial<LeadProfile> = { ...extraction.profile };
  const value = (v: string | number): AnswerInterpretation => {
    Object.assign(profile, { [expecting]: v });
    return { kind: "value", slot: expecting, value: v, profile, corrections: extraction.corrections } as AnswerInterpretation;
  };

  const found = profile[expecting];
  if (found !== undefined) return value(found);
  const bad = extraction.invalid.find((i) => i.slot === expecting);
  if (bad) return { kind: "invalid", slot: expecting, value: bad.value, reason: bad.reason };

  if (expecting === "email" || expecting === "phone") {
    const contact = bareContact(text, expecting, options);
    if (contact && "value" in contact) return value(contact.value);
    if (contact) return { kind: "invalid", slot: expecting, value: contact.invalid, reason: contact.reason };
  }
  const asks = QUESTION_START.test(text);
  const shaped = SHAPED.has(expecting) && !asks ? bareValue(text, expecting) : undefined;
  if (shaped !== undefined) return value(shaped);
  if (DECLINE.test(text) || DECLINE_WORD.test(text)) return { kind: "declined", slot: expecting };
  if (asks) return { kind: "none" };
  // Free text answers only their own question: "budget around 40k" to "what do you need?" gives the budget.
  if (expecting === "need" && Object.keys(extraction.profile).length > 0) return { kind: "none" };
  const bare = bareValue(text, expecting);
  return bare === undefined || bare === "" ? { kind: "none" } : value(bare);
}
