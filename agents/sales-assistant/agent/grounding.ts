/** What a prospect-facing reply may state only when that turn's tool results say it. */
export interface GroundingVerdict {
  ok: boolean;
  /** Numbers, prices and names in the reply that no tool result holds. */
  ungrounded: string[];
  /** Citation markers that point at no retrieved source. */
  badCitations: number[];
}

const NUMBER = /(?:[$€£]\s?)?\d(?:[\d,.]|[\s\u00a0\u202f](?=\d{3}\b))*\s?(?:%|k\b|K\b|m\b|M\b)?/g;
/** Capitalised runs ("Helix Pro", "Coastline Freight") that are not sentence openers or common words. */
const NAME = /\b[A-Z][a-zA-Z0-9&'’-]+(?:\s+[A-Z][a-zA-Z0-9&'’-]+)*/g;
const COMMON = new Set(
  ("I A An The This That These Those It Its We Our Us You Your Yes No Not If For And But Or So Here There Thanks Thank Please " +
    "Hi Hello Sure Great Happy Sorry Unfortunately However Also Sources Source Note Monday Tuesday Wednesday Thursday Friday " +
    "Saturday Sunday January February March April May June July August September October November December " +
    "Q1 Q2 Q3 Q4 EU US UK USA SSO SAML API SQL CSV PDF AI BI CRM SLA SOC ISO GDPR HIPAA AWS Azure UTC").split(" "),
);

/** The number's digits, with thousands separators of any locale ("36,000", "36.000", "36 000") removed. */
const digits = (s: string) =>
  s.replace(/(\d)[.,\s\u00a0\u202f](?=\d{3}(?!\d))/g, "$1").replace(/,(?=\d{1,2}\b)/, ".").replace(/[^\d.]/g, "").replace(/\.$/, "");

/** Numbers as they may be written in the evidence: "36,000", "36000", "$36k" all count as 36000. */
function numberForms(raw: string): string[] {
  const d = digits(raw);
  const forms = new Set([d]);
  const scaled = /k\b/i.test(raw) ? Number(d) * 1_000 : /m\b/i.test(raw) ? Number(d) * 1_000_000 : undefined;
  if (scaled !== undefined && Number.isFinite(scaled)) forms.add(String(scaled));
  return [...forms].filter(Boolean);
}

/**
 * Checks a reply to a prospect against the evidence of its turn (tool outputs, the visitor's own words and
 * profile): every number and every name must be found there, and every [n] must point at a retrieved
 * source. Small counting words are left alone; a price or a customer that came from nowhere is not.
 */
export function checkGrounding(
  reply: string,
  evidence: readonly string[],
  sourceCount: number,
  options: { english?: boolean } = {},
): GroundingVerdict {
  const english = options.english ?? true;
  const haystack = evidence.join("\n");
  const flatDigits = haystack.replace(/(\d),(\d)/g, "$1$2");
  const lower = haystack.toLowerCase();
  const body = reply.replace(/\[(\d+)\]/g, " ");
  const ungrounded = new Set<string>();
  for (const m of body.matchAll(NUMBER)) {
    const raw = m[0].trim();
    if (/^\d$/.test(raw)) continue; // "1 plan", list numbering
    if (!numberForms(raw).some((form) => flatDigits.includes(form))) ungrounded.add(raw);
  }
  for (const m of body.matchAll(NAME)) {
    const words = m[0].split(/\s+/).filter((w) => !COMMON.has(w));
    if (words.length === 0) continue;
    const name = words.join(" ");
    const atSentenceStart = m.index === 0 || /[.!?:\n]\s*$/.test(body.slice(0, m.index));
    if (atSentenceStart && words.length === 1) continue;
    // other languages capitalise common nouns (German) and sentence words we don't know: only names of two
    // or more capitalised words ("Acme Logistics") are checked there
    if (!english && words.length === 1) continue;
    if (!words.every((w) => lower.includes(w.toLowerCase()))) ungrounded.add(name);
  }
  const badCitations = [...reply.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])).filter((n) => n < 1 || n > sourceCount);
  return { ok: ungrounded.size === 0 && badCitations.length === 0, ungrounded: [...ungrounded], badCitations: [...new Set(badCitations)] };
}
