/**
 * Text as change detection sees it: one block per line, whitespace collapsed, and the parts that change
 * without meaning anything masked — dates, copyright years, "updated 3 days ago", counters such as
 * "Trusted by 12,000 teams" — so a page whose only edit is its date or its counters compares equal.
 */
const MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const DATE_PATTERNS = [
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/gi,
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g,
  new RegExp(String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`, "gi"),
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTHS})\.?,?\s+\d{4}\b`, "gi"),
  new RegExp(String.raw`\b(?:${MONTHS})\.?\s+\d{4}\b`, "gi"),
  /\b\d+\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s+ago\b/gi,
  /\b(?:today|yesterday)\b/gi,
  /\d{1,2}:\d{2}(?::\d{2})?\s?(?:am|pm|utc|gmt)?/gi,
];
const COPYRIGHT = /(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?\d{4}/gi;
const COUNTER_LINE =
  /\b(?:customers?|companies|teams|organi[sz]ations|reviews?|ratings?|downloads?|installs?|stars?|views?|followers?|visitors?|members|subscribers|min(?:ute)?s? read|trusted by|used by|join(?:ed)?|people|comments?|likes?)\b/i;
const CURRENCY = /[$€£¥]|\b(?:USD|EUR|GBP)\b/;

export function maskCosmetic(line: string): string {
  let out = line.replace(COPYRIGHT, "©");
  for (const p of DATE_PATTERNS) out = out.replace(p, "⟨date⟩");
  if (COUNTER_LINE.test(out) && !CURRENCY.test(out)) out = out.replace(/\d[\d,.]*\s?[kKmM+]*/g, "⟨n⟩");
  return out;
}

export function splitLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l.length > 0);
}

/** The comparison key of a line: cosmetic parts masked, case folded. */
export function lineKey(line: string): string {
  return maskCosmetic(line).toLowerCase();
}

export function isHeading(line: string): boolean {
  return line.startsWith("# ");
}

export function isListItem(line: string): boolean {
  return line.startsWith("- ");
}

export function stripMarker(line: string): string {
  return line.replace(/^(?:# |- )/, "");
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** Jaccard similarity of two lines' words, amounts and markers ignored. */
export function similarity(a: string, b: string): number {
  const strip = (s: string) => new Set(words(stripMarker(s).replace(/[$€£¥]\s?[\d,.]+|\d[\d,.]*/g, " ")));
  const x = strip(a);
  const y = strip(b);
  if (x.size === 0 && y.size === 0) return 1;
  let both = 0;
  for (const w of x) if (y.has(w)) both += 1;
  return both / (x.size + y.size - both);
}
