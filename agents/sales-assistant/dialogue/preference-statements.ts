import type { PreferenceChange } from "./preferences.js";

/** What a rep's or manager's message says about themselves, and what is left of it once that is taken out. */
export interface PreferenceStatement {
  change: PreferenceChange;
  /** "What do you know about me?": show the stored preferences. */
  show: boolean;
  /** The message without the statements: empty when the message was only about the user. */
  rest: string;
}

/** A clause ends at punctuation, the end, or a joining word. */
const END = String.raw`(?=\s*(?:$|[,.;!?—–]|\s-\s|\s(?:and|but|so|please|thanks|thank you|from now on|going forward)\b))`;
/** A list may hold "and" ("Globex and Initech"). */
const END_LIST = String.raw`(?=\s*(?:$|[.;!?—–]|\s-\s|\s(?:and then|but|so|please|thanks|thank you|from now on|going forward)\b))`;
const VALUE = String.raw`([\p{L}\p{N}][\p{L}\p{N}&.'’ -]*?)`;
const LIST = String.raw`([\p{L}\p{N}][\p{L}\p{N}&.'’, -]*?)`;
const LIST_IN_CLAUSE = String.raw`([\p{L}\p{N}][\p{L}\p{N}&.'’ -]*?)`;
/** A clause's start, for statements whose subject comes first ("Globex is mine"). */
const CLAUSE = String.raw`(?:^|(?<=[,.;!?:]\s*))`;

/** Region words that are fine in lower case ("my region is emea"). */
const KNOWN_REGIONS = new Set(["emea", "apac", "latam", "amer", "americas", "na", "anz", "dach", "nordics", "europe", "north america", "uk", "us"]);
const KNOWN_SEGMENTS = String.raw`smb|small business|mid[- ]?market|enterprise|commercial|strategic|public sector|startups?`;
/** Words after "call me" that are not a name ("call me back", "call me tomorrow"). */
const NOT_A_NAME = /^(?:back|later|tomorrow|today|tonight|now|when|if|at|on|in|about|asap|please|maybe|again|any|after|before|by|next|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;

const RULES: { re: RegExp; apply: (value: string, change: PreferenceChange) => boolean }[] = [
  // region
  { re: new RegExp(String.raw`\bmy (?:sales )?(?:region|territory|patch) is (?:now )?(?:the )?${VALUE}(?: region| territory)?${END}`, "giu"), apply: setRegion },
  { re: new RegExp(String.raw`\bi(?:'m|’m| am)? (?:cover|covering|own|run|running|manage|managing|handle|look after|work|responsible for|in|based in|on) (?:the )?${VALUE} (?:region|territory)\b`, "giu"), apply: setRegion },
  // accounts
  { re: new RegExp(String.raw`\bmy accounts (?:are|include) (?:now )?${LIST}${END_LIST}`, "giu"), apply: (v, c) => (c.accounts = accountList(v)).length > 0 },
  { re: new RegExp(String.raw`\bi (?:no longer|don'?t|do not|won'?t) (?:own|manage|cover|handle|run) (?:the )?${LIST}(?: accounts?| deals?)?(?: any ?more| now)?${END_LIST}`, "giu"), apply: (v, c) => addTo(c, "removeAccounts", v) },
  { re: new RegExp(String.raw`${CLAUSE}(?:the )?${LIST_IN_CLAUSE}(?: accounts?)? (?:is|are) no longer (?:mine|my accounts?)${END_LIST}`, "giu"), apply: (v, c) => addTo(c, "removeAccounts", v) },
  { re: new RegExp(String.raw`\bi (?:also )?(?:own|manage|cover|handle|run|look after|took over|picked up|inherited|(?:am|'m|’m) the (?:owner|ae|account executive|rep) (?:of|for|on)) (?:the )?${LIST} (?:accounts?|deals?|relationships?|logos?)\b`, "giu"), apply: (v, c) => addTo(c, "addAccounts", v) },
  { re: new RegExp(String.raw`\bi (?:also )?own (?:the )?${LIST}${END_LIST}`, "giu"), apply: (v, c) => addTo(c, "addAccounts", v) },
  { re: new RegExp(String.raw`${CLAUSE}(?:the )?${LIST_IN_CLAUSE} (?:is|are) (?:also )?(?:mine|my accounts?)${END_LIST}`, "giu"), apply: (v, c) => addTo(c, "addAccounts", v) },
  // segment
  { re: new RegExp(String.raw`\bmy segment is (?:now )?(?:the )?${VALUE}(?: segment)?${END}`, "giu"), apply: setSegment },
  { re: new RegExp(String.raw`\bi (?:also )?(?:cover|work|own|handle|sell (?:in)?to|focus on|manage|run) (?:the )?${VALUE} (?:segment|market segment)\b`, "giu"), apply: setSegment },
  { re: new RegExp(String.raw`\bi (?:cover|work|handle|sell (?:in)?to|focus on) (?:the )?(${KNOWN_SEGMENTS})${END}`, "giu"), apply: setSegment },
  // name
  { re: new RegExp(String.raw`\b(?:(?:please |you can )?call me|i go by|my name is|i(?:'m|’m| am) called) ([\p{L}][\p{L}'’-]*)${END}`, "giu"), apply: setName },
  // answer style
  { re: /\b(?:i(?:'d| would)? (?:prefer|like|want)|give me|keep (?:it|them|answers|your answers|replies)|please be|be) (?:short|brief|concise|shorter|terse)(?: answers| replies)?(?:,? please)?\b/giu, apply: (_v, c) => setStyle(c, "short") },
  { re: /\b(?:short|brief|concise) (?:answers|replies),? please\b/giu, apply: (_v, c) => setStyle(c, "short") },
  { re: /\b(?:i(?:'d| would)? (?:prefer|like|want)|give me) (?:detailed|long|longer|more detailed|full|in-depth) (?:answers|replies)\b/giu, apply: (_v, c) => setStyle(c, "detailed") },
  // forget
  { re: /\bforget (?:my preferences|my settings|everything (?:you know )?about me|what i told you about me)\b/giu, apply: (_v, c) => (c.forget = true) },
];

const SHOW = /\bwhat (?:do you (?:know|remember) about me|are my (?:preferences|settings))\b\??/giu;
const FILLER = /\b(?:hi|hey|hello|fyi|btw|by the way|just so you know|for the record|note that|remember that|please|thanks|thank you|ok|okay|also|and|so|from now on|going forward|noted|now)\b|[,.;:!?—–-]/giu;

function setRegion(value: string, change: PreferenceChange): boolean {
  const region = value.trim();
  if (!/^[\p{Lu}\p{N}]/u.test(region) && !KNOWN_REGIONS.has(region.toLowerCase())) return false;
  change.set = { ...change.set, region: /^[a-z]{2,5}$/.test(region) ? region.toUpperCase() : region };
  return true;
}

function setSegment(value: string, change: PreferenceChange): boolean {
  const segment = value.trim().toLowerCase();
  if (!segment || segment.split(/\s+/).length > 4) return false;
  change.set = { ...change.set, segment };
  return true;
}

function setName(value: string, change: PreferenceChange): boolean {
  if (NOT_A_NAME.test(value)) return false;
  change.set = { ...change.set, name: value[0]!.toUpperCase() + value.slice(1) };
  return true;
}

function setStyle(change: PreferenceChange, answerStyle: "short" | "detailed"): boolean {
  change.set = { ...change.set, answerStyle };
  return true;
}

/** Account names start with a capital or a digit ("Globex", "3M"): "my accounts are doing badly" names none. */
function accountList(value: string): string[] {
  const items = value
    .split(/\s*,\s*|\s+and\s+/i)
    .map((s) => s.replace(/^(?:the|also)\s+/i, "").trim())
    .filter(Boolean);
  return items.length > 0 && items.every((s) => /^[\p{Lu}\p{N}]/u.test(s) && s.split(/\s+/).length <= 4) ? items : [];
}

function addTo(change: PreferenceChange, field: "addAccounts" | "removeAccounts", value: string): boolean {
  const items = accountList(value);
  if (items.length === 0) return false;
  change[field] = [...(change[field] ?? []), ...items];
  return true;
}

/** Reads what a message says about its author (region, accounts, segment, name, answer style). */
export function readPreferenceStatement(text: string): PreferenceStatement | undefined {
  const change: PreferenceChange = {};
  let rest = text;
  let found = false;
  for (const rule of RULES) {
    rest = rest.replace(rule.re, (whole: string, value: string | undefined) => {
      if (!rule.apply(value ?? "", change)) return whole;
      found = true;
      return " ";
    });
  }
  const show = SHOW.test(rest);
  SHOW.lastIndex = 0;
  if (show) rest = rest.replace(SHOW, " ");
  if (!found && !show) return undefined;
  return { change, show, rest: rest.replace(FILLER, " ").replace(/\s+/g, " ").trim() };
}
