import { terms } from "../../../knowledge/tokenize.js";

/** More parts than this in one message are answered as their first ones; the rest would drown the answer. */
export const MAX_PARTS = 3;

/** "…, and where is…", "… and also …": a second question joined to the first. */
const JOINED = /\s*(?:[,;]\s*)?\b(?:and\s+also|and|also|plus)\s*,?\s+(?=(?:what|where|when|how|who|which|why|is|are|do|does|did|can|could|will|would|should|has|have)\b)/i;
/** Words that make a piece a greeting or a courtesy, not a question of its own. */
const FILLER = new Set(terms("hi hello hey thanks thank please ok okay great cool yes no sure so well"));
const substantive = (piece: string) => terms(piece).some((t) => !FILLER.has(t));

const ALSO = /\s*(?:[,;]\s*)(?:and\s+)?also\s*,?\s+/i;

/**
 * A message holding several questions ("Is it SOC 2 compliant? Where is data hosted?") in its parts, each
 * answerable on its own: split after a question mark followed by more text, and at "and also", "; also" or
 * "and" starting a new question. Statements before a question stay with it ("We're 40 people. Which
 * plan?"), and a piece with no content words is merged into its neighbour.
 */
/** Chat filler before the question ("hmm ok.", "cool, thanks!"): it only dilutes the search. */
const FILLER_WORD = String.raw`(?:h+m+|ok(?:ay)?|cool|great|thanks|thank you|thx|nice|sure|right|got it|i see|alright|yes|yeah|yep|well|hi|hello|hey|there|interesting|perfect|awesome|wait|oh|ah|um+|uh+|actually|sorry|btw|also|quick question|one more thing|by the way)`;
const LEADING_FILLER = new RegExp(String.raw`^(?:${FILLER_WORD}(?:[\s,]+${FILLER_WORD})*\s*[,.!?:;—–-]+\s*)+(?=\S)`, "i");

export function splitQuestion(text: string): string[] {
  const pieces = text
    .trim()
    .replace(LEADING_FILLER, "")
    .split(/(?<=\?)\s+(?=\S)/)
    .flatMap((piece) => piece.split(ALSO))
    .flatMap((piece) => piece.split(JOINED))
    .map((p) => p.trim())
    .filter(Boolean);
  const parts: string[] = [];
  for (const piece of pieces) {
    if (parts.length > 0 && (!substantive(piece) || !substantive(parts.at(-1)!))) parts[parts.length - 1] = `${parts.at(-1)} ${piece}`;
    else parts.push(piece);
  }
  const questions = parts.map((p) => (/[?.!]$/.test(p) ? p : `${p}?`));
  if (questions.length <= MAX_PARTS) return questions;
  return questions.slice(0, MAX_PARTS);
}

/** A part that refers back ("does it…", "is that…") is searched with the topic of the part before it. */
export function refersBack(part: string): boolean {
  return /\b(it|its|that|this|they|them|those)\b/i.test(part);
}

const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const COUNT = String.raw`(\d{1,3}(?:,\d{3})+|\d+|${Object.keys(NUMBER_WORDS).join("|")})`;
const PEOPLE = String.raw`(?:named\s+)?(?:people|persons|users|seats|licen[cs]es|employees|staff|members|analysts|colleagues|heads|person|user|seat)`;
const TEAM_SIZE = [
  new RegExp(String.raw`\b(?:about|around|roughly|approximately|~)?\s*${COUNT}\+?\s+${PEOPLE}\b`, "i"),
  new RegExp(String.raw`\bteam\s+of\s+(?:about\s+|around\s+)?${COUNT}\b`, "i"),
  new RegExp(String.raw`\bwe(?:'re|\s+are)\s+(?:about\s+|around\s+)?${COUNT}\b(?!\s*(?:%|percent|years?|months?|days?))`, "i"),
];

/** The head count a question states ("we're 40 people", "how much for 25 users?", "a team of twelve"). */
export function teamSizeIn(text: string): number | undefined {
  for (const pattern of TEAM_SIZE) {
    const m = pattern.exec(text);
    if (!m) continue;
    const raw = m[1]!.toLowerCase();
    const n = NUMBER_WORDS[raw] ?? Number(raw.replace(/,/g, ""));
    if (Number.isInteger(n) && n > 0 && n < 1_000_000) return n;
  }
  return undefined;
}

/** Whether the question asks which plan to pick or what a plan comes to (then a team size makes a quote). */
export function asksPlanFit(text: string): boolean {
  return /\b(which|what|recommend|best|right|suit|fit|need|choose|pick)\b[\s\S]*\b(plan|tier|package|edition|option|licen[cs]e)s?\b|\b(plan|tier|package)s?\b[\s\S]*\b(fit|suit|right|best)\b|\bhow\s+much\b|\bcost|\bpric|\bquote\b/i.test(
    text,
  );
}

/**
 * Questions about the seller as a whole: "What do you sell?", "What does your company do?", "Tell me about
 * yourselves", "Who are you?". They are answered from the passage that describes the company overall.
 */
export function asksAboutCompany(text: string): boolean {
  const t = text.toLowerCase();
  return (
    /\bwhat\s+(?:do|does)\s+(?:you|you\s+guys|your\s+(?:company|business|firm|team)|the\s+company)\s+(?:sell|do|make|offer|build|provide)\b/.test(t) ||
    /\bwhat\s+(?:is|are)\s+your\s+(?:company|business|product|products|offering|offerings|platform|solution)\b/.test(t) ||
    /\btell\s+me\s+(?:more\s+)?about\s+(?:you|yourselves|yourself|your\s+(?:company|business|product|products|offering|platform))\b/.test(t) ||
    /\bwho\s+are\s+you\b/.test(t) ||
    /\bwhat\s+(?:kind|sort)\s+of\s+(?:company|business|products?)\b/.test(t)
  );
}

/** "What is X?" / "Tell me about X" / "What does X do?": the X, when the question is that short form. */
export function definitionSubject(text: string): string | undefined {
  const m =
    /^\s*(?:so\s+)?(?:what(?:'s|\s+is|\s+are)|tell\s+me\s+(?:more\s+)?about|what\s+does)\s+(.+?)(?:\s+do)?\s*[?.!]*\s*$/i.exec(text);
  const subject = m?.[1]?.replace(/^(?:the|a|an)\s+/i, "").trim();
  if (!subject || subject.split(/\s+/).length > 5 || terms(subject).length === 0) return undefined;
  return subject;
}
