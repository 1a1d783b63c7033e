/**
 * Words as the metrics count them: annotations are not speech. `{vocalsound}`, `[laughs]`, `<v Dana>` and
 * `(laughter)`-style cues are removed; a word is a whitespace-separated token holding a letter or digit, so
 * AMI's detached " . " and " , " are not words and "don't", "Mm-hmm" and "$40k" are one word each.
 */
const PAREN_CUES =
  /\((?:laughs?|laughter|laughing|inaudible|unintelligible|crosstalk|pause|silence|coughs?|sighs?|music|applause|noise|chuckles?|static|overlapping)[^)]{0,20}\)/gi;

export function stripAnnotations(text: string): string {
  return text
    .replace(/\{[^{}]*\}/g, " ")
    .replace(/\[[^\][]*\]/g, " ")
    .replace(/<[^<>]*>/g, " ")
    .replace(PAREN_CUES, " ")
    .replace(/\s+/g, " ")
    .replace(/\s+([.,!?;:])/g, "$1")
    .trim();
}

export function countWords(clean: string): number {
  let n = 0;
  for (const token of clean.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) n += 1;
  return n;
}

/** Sentences of a cleaned turn, split after . ! ? (and …) followed by a space; the end marks are kept. */
export function sentencesOf(clean: string): string[] {
  return clean
    .split(/(?<=[.!?…])\s+(?=\S)/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

export function isQuestion(sentence: string): boolean {
  return /\?\s*["'”’)]?$/.test(sentence.trim());
}

const OPEN_STARTS =
  /^(?:so\s+|and\s+|okay,?\s+|great,?\s+|now,?\s+)?(?:what|how|why|where|which|who|tell me|walk me|describe|help me understand|can you (?:tell|walk|describe|share|explain)|could you (?:tell|walk|describe|share|explain)|would you (?:tell|walk|describe|share|explain))\b/i;

/** An open (discovery) question: it asks the customer to explain, not to say yes or no. */
export function isOpenQuestion(sentence: string): boolean {
  return isQuestion(sentence) && OPEN_STARTS.test(sentence.trim());
}

/** Lower case, annotations gone, quotes and dashes unified, whitespace collapsed: how quotes are matched. */
export function normalizeForMatch(text: string): string {
  return stripAnnotations(text)
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, "-")
    .replace(/[^\p{L}\p{N}'$%]+/gu, " ")
    .trim();
}
