import { terms } from "../../../knowledge/tokenize.js";

/**
 * Words that say what kind of question it is, not what it is about: "how much does X cost" is about X.
 * The brand is here too because every public page mentions it, so it proves nothing about relevance.
 */
const NON_TOPICAL = new Set(
  terms(
    "much many cost costs price prices pricing priced offer offers provide tell know please want like get give " +
      "helix data hi hello thanks thank question explain there any anything something kind sort",
  ),
);

export function isNonTopical(term: string): boolean {
  return NON_TOPICAL.has(term);
}

/** The question's topical terms (unique); all its terms when nothing topical is left. */
export function questionTerms(question: string): string[] {
  const all = [...new Set(terms(question))];
  const topical = all.filter((t) => !NON_TOPICAL.has(t));
  return topical.length > 0 ? topical : all;
}

/**
 * Two forms of one word the light stemmer keeps apart ("compliant" / "compliance", "hosted" / "host"):
 * long words sharing all but their last two letters.
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 6 || b.length < 6 || /\d/.test(a) || /\d/.test(b)) return false;
  const need = Math.max(6, Math.min(a.length, b.length) - 2);
  return a.slice(0, need) === b.slice(0, need);
}

/** Share (0..1) of the question's topical terms that occur in the passage. */
export function termCoverage(question: string, passage: string): number {
  const wanted = questionTerms(question);
  if (wanted.length === 0) return 0;
  const have = new Set(terms(passage));
  const long = [...have].filter((h) => h.length >= 6);
  return wanted.filter((t) => have.has(t) || long.some((h) => sameWord(t, h))).length / wanted.length;
}

/**
 * Retrieval always returns *something* (rank fusion scores are relative), so confidence is judged on the
 * words instead: the best passage must contain more than half of what the question is about. "Does Pro have
 * a quantum computing module?" shares only "pro" with any page (1 of 4) and is declined.
 */
export const MIN_COVERAGE = 0.6;

export function isConfident(bestCoverage: number): boolean {
  return bestCoverage >= MIN_COVERAGE;
}
