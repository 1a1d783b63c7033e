/** How many people would use the product: "a team of 40", "about 120 analysts", "team size is 12" → a number. */

const WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  "a dozen": 12, dozen: 12, "a couple": 2, "a hundred": 100, "a few hundred": 300, "a couple hundred": 200,
};
const WORD = Object.keys(WORDS).sort((a, b) => b.length - a.length).join("|");
const COUNT = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*k|\d+|${WORD})`;
const RANGE = String.raw`(?:${COUNT}\s*(?:-|–|to|or)\s*)?`;
const ABOUT = String.raw`(?:about|around|roughly|approximately|approx\.?|nearly|almost|over|some|~|just under|just over|up to|maybe)?\s*`;
const MEMBERS = String.raw`people|persons?|users?|seats?|licen[cs]es|employees|staff|folks|heads|members|team members|colleagues|analysts|engineers|developers|devs|reps|sales ?reps|sellers|salespeople|agents|marketers|managers|recruiters|designers|accountants|consultants|nurses|teachers|researchers|scientists|operators|planners|people on (?:the|my|our) team`;

const RULES = [
  new RegExp(String.raw`\bteam (?:size )?of\s+${ABOUT}${RANGE}${COUNT}(?!\s*(?:%|percent))`, "i"),
  new RegExp(String.raw`\b(?:team size|head ?count|number of (?:users|seats|people))(?: is| of| will be| would be|:| =| around| about)*\s*${ABOUT}${RANGE}${COUNT}`, "i"),
  new RegExp(String.raw`(?<![$€£\d.,])${ABOUT}${RANGE}${COUNT}\s+(?:(?:full-time|part-time|active|internal|sales|support|data|BI|finance|marketing|ops|field|inside)\s+)?(?:${MEMBERS})\b(?!\s*(?:per|each|a month|a year))`, "i"),
  new RegExp(String.raw`\b(?:we['’]re|we are|there are|there['’]s)\s+${ABOUT}${RANGE}${COUNT}\s+of us\b`, "i"),
];
const ANSWER = new RegExp(String.raw`^\s*(?:we['’]re |we are |it['’]s |maybe )?${ABOUT}${RANGE}${COUNT}\s*(?:or so|ish)?\s*(?:${MEMBERS})?\s*[.!]?\s*$`, "i");
const JUST_ME = /^\s*(?:just |only )?(?:me|myself)(?: for now| at the moment)?\s*[.!]?\s*$/i;

const MAX = 100_000;

function count(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const word = WORDS[raw.toLowerCase()];
  if (word !== undefined) return word;
  const k = raw.match(/^(\d+(?:\.\d+)?)\s*k$/i);
  const n = k ? Number(k[1]) * 1_000 : Number(raw.replace(/,/g, ""));
  return Number.isInteger(n) ? n : undefined;
}

/** The larger end of a range ("10-15 people" → 15): size for the team it will grow into. */
function fromMatch(m: RegExpMatchArray): number | undefined {
  const n = count(m[2] ?? m[1]);
  return n !== undefined && n >= 1 && n <= MAX ? n : undefined;
}

export interface TeamSizeOptions {
  /** The message answers "how many people?": a bare "about 40" counts. */
  answer?: boolean;
}

export function extractTeamSize(text: string, options: TeamSizeOptions = {}): number | undefined {
  for (const rule of RULES) {
    const m = text.match(rule);
    const n = m && fromMatch(m);
    if (n) return n;
  }
  if (!options.answer) return undefined;
  if (JUST_ME.test(text)) return 1;
  const m = text.match(ANSWER);
  return m ? fromMatch(m) : undefined;
}
