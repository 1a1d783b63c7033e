/** When the prospect wants something in place ("within 3 months", "by Q3 2027", "end of the year", "no rush"). */

const NUM_WORD = String.raw`\d+|a couple of|a few|couple of|few|several|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen`;
const UNIT = String.raw`days?|weeks?|months?|quarters?|years?`;
const MONTH = String.raw`January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec`;
const PERIOD = String.raw`week|month|quarter|year|fiscal year|financial year|half|semester|summer|winter|spring|autumn|fall`;
const YEAR = String.raw`20\d\d`;
const END_OF = String.raw`(?:the )?end of (?:the |this |next )?(?:month|quarter|year|fiscal year|financial year|Q[1-4]|${YEAR}|${MONTH})`;
const PHASE = String.raw`(?:early|mid|late|the start of|the beginning of)[- ](?:next year|this year|${YEAR}|${MONTH}|Q[1-4])`;

const RULES = [
  String.raw`\b(?:this|next|the next|the coming) (?:${PERIOD})\b`,
  String.raw`\b(?:in|within|over) (?:the next |about |around |roughly )?(?:${NUM_WORD}) (?:${UNIT})\b`,
  String.raw`\b(?:${NUM_WORD}) (?:${UNIT}) from now\b`,
  String.raw`\b(?:by|before|until|around|towards?) (?:${END_OF}|${PHASE}|${MONTH}(?: ${YEAR})?|Q[1-4](?: ${YEAR})?|${YEAR})\b`,
  String.raw`\b${END_OF}\b`,
  String.raw`\b(?:in|during) (?:${PHASE}|Q[1-4](?: ${YEAR})?|H[12](?: ${YEAR})?|(?:${MONTH})(?: ${YEAR})?|${YEAR})\b`,
  String.raw`\b(?:asap|as soon as possible|immediately|right away|urgently)\b`,
  String.raw`\b(?:no (?:rush|hurry|timeline|deadline|date set|fixed date)|not in a (?:rush|hurry)|just (?:exploring|browsing|researching|looking))\b`,
];
const TIMELINE = new RegExp(RULES.join("|"), "i");

/** What a bare answer to "when?" looks like: "3 months", "Q2", "March", "2027", "next year". */
const BARE = new RegExp(
  String.raw`^\s*(?:(?:maybe|probably|ideally|hopefully|about|around|roughly|approximately|like)\s+)?((?:${NUM_WORD}) (?:${UNIT})|Q[1-4](?: ${YEAR})?|H[12](?: ${YEAR})?|(?:${MONTH})(?: ${YEAR})?|${YEAR})\s*(?:or so)?\s*[.!]?\s*$`,
  "i",
);

const KEEP_CASE = new RegExp(String.raw`^(?:${MONTH})$|^[QH][1-4]$|^ASAP$`, "i");

/** Lower case, except months, quarters and "ASAP"; first letter up ("by march" → "By March"). */
function tidy(phrase: string): string {
  const words = phrase.split(/\s+/).map((w) => {
    if (!KEEP_CASE.test(w)) return w.toLowerCase();
    return /^asap$|^[qh]\d$/i.test(w) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase();
  });
  const joined = words.join(" ");
  return joined[0]!.toUpperCase() + joined.slice(1);
}

export interface TimelineOptions {
  /** The message answers "when?": "3 months", "Q2" or "March" on their own count. */
  answer?: boolean;
}

export function extractTimeline(text: string, options: TimelineOptions = {}): string | undefined {
  const found = text.match(TIMELINE)?.[0];
  if (found) return tidy(found);
  if (!options.answer) return undefined;
  const bare = text.match(BARE)?.[1];
  if (!bare) return undefined;
  return tidy(/(?:days?|weeks?|months?|quarters?|years?)$/i.test(bare) ? `within ${bare}` : `in ${bare}`);
}
