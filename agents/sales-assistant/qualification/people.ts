/** Who the prospect is: name, company, role, and whether they decide. Rules over one message. */
import { placeZone } from "../../../src/core/time-zones.js";

const NOT_NAMES = new Set(
  "The A An Interested Looking Just Not Here Happy Glad Sorry Trying Wondering Curious Based Calling Writing Ready New Also Still Helix Sales Testing Working In On With From At Your Our Their Afraid Sure Fine Good Great Okay Ok Actually Currently Located Living Going Hoping Planning Responsible".split(" "),
);
const CAP_WORD = String.raw`[A-Z][a-zA-Z'’-]+`;
const NAME = new RegExp(
  String.raw`(?:\b[Mm]y name is|\b[Mm]y name['’]s|\b[Nn]ame['’]s|\b[Tt]his is|\b[Cc]all me|\bI am|\bI['’]m|\bIm|(?:^|[,.!]\s*|\b(?:[Hh]i|[Hh]ey|[Hh]ello),?\s+)[Ii]t['’]?s)\s+(${CAP_WORD}(?:\s+${CAP_WORD})?)(?=\s+(?:from|at|with|here)\b|\s*[,.!]|\s*$|\s+[a-z])`,
  "g",
);

const COMPANY_WORD = String.raw`[A-Z][\w&'’.-]*`;
const COMPANY = new RegExp(
  String.raw`(\b[Ww]ork(?:ing)? (?:at|for)|\b(?:I['’]m|I am|[Ww]e['’]re|[Ww]e are) (?:at|with|from)|\bfrom|\bat|\b[Cc]ompany(?: is|['’]s| called| named)|\b[Oo]ur company,?)\s+(${COMPANY_WORD}(?:\s+(?:${COMPANY_WORD}|&))*)`,
  "g",
);
const NOT_COMPANIES = /^(Helix|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Q[1-4]|I|The|This|Next|Noon|UTC|GMT|[A-Z]{1,3}T)\b/;

export const TITLE = String.raw`(?:chief [a-z]+ officer|CEO|CFO|CTO|COO|CIO|CMO|CRO|CDO|vice president(?: of [a-z]+)?|S?VP(?: of)? [A-Za-z]+|head of [a-z]+(?: (?!at\b|in\b|for\b|with\b|from\b|and\b|here\b)[a-z]+)?|(?:[a-z]+ )?director(?: of [a-z]+)?|(?:[a-z]+ )?manager|(?:[a-z]+ )?analyst|(?:[a-z]+ )?engineer|(?:[a-z]+ )?architect|co-?founder|founder|owner|president)`;
const ROLE = new RegExp(
  String.raw`(?:\bI['’]?m|\bI am|\bmy (?:role|title|job) is|\bI work as|\bworking as|,)\s+(?:the |a |an |our )?(${TITLE})\b`,
  "im",
);

const AUTHORITY_YES = /\b(I['’]?m the (?:final )?decision[- ]maker|I make the (?:final )?(?:call|decision)|I decide|I sign off|I have (?:the )?final say|(?:it['’]?s|it is) my (?:call|decision)|I approve (?:the )?budget|I own the budget)\b/i;
const AUTHORITY_NO = /\b(?:check with|run (?:it|this) by|need(?:s)? (?:approval|sign-?off) from|approval from|sign-?off from|(?:my|our) (\w+(?: \w+)?) (?:decides|signs off|makes the (?:call|decision)|has the final say))\s*(?:my |our |the )?([\w ]{2,30}?)?(?=[.,!?;]|$| first| before| on)/i;
const NOT_DECIDER = /\b(?:I['’]?m not the decision[- ]maker|not my (?:call|decision))\b/i;

export function extractName(text: string): string | undefined {
  for (const m of text.matchAll(NAME)) {
    const name = m[1]!;
    if (NOT_NAMES.has(name.split(/\s+/)[0]!) || /^[A-Z]{2,}$/.test(name) || NOT_COMPANIES.test(name)) continue;
    return name;
  }
  return undefined;
}

export function extractCompany(text: string): string | undefined {
  for (const m of text.matchAll(COMPANY)) {
    const name = m[2]!.split(/[.!?]\s/)[0]!.replace(/[.'’]+$/, "").trim();
    // "I'm Dana from Berlin": a place after "from" is where they are, not whom they work for.
    if (NOT_COMPANIES.test(name) || (/from$/i.test(m[1]!) && placeZone(name))) continue;
    return name;
  }
  return undefined;
}

export function extractRole(text: string): string | undefined {
  const role = text.match(ROLE)?.[1];
  if (role && !/\b(?:my|our|with) $/i.test(text.slice(0, text.indexOf(role)))) return role;
  return undefined;
}

export function extractAuthority(text: string): string | undefined {
  if (NOT_DECIDER.test(text)) return "Not the decision maker";
  if (AUTHORITY_YES.test(text)) return "Decision maker";
  const m = text.match(AUTHORITY_NO);
  if (!m) return undefined;
  const who = (m[1] ?? m[2] ?? "").trim();
  return who ? `Needs sign-off from their ${who}` : "Needs sign-off from someone else";
}
