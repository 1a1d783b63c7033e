import type { ContentSource } from "../../src/core/content.js";

/** What a segment looks like to the writer: who they are and what to tell them (tools/segments profiles). */
export interface SegmentFacts {
  label: string;
  /** Plural noun phrase for the people addressed: "enterprise teams". */
  audience: string;
  messaging?: string;
  sector?: string;
  runId?: string;
}

/** A passage the knowledge base returned, as the content tools need it. */
export interface KnowledgePassage {
  source: string;
  title: string;
  text: string;
}

export interface ContentFacts {
  company: string;
  objective: string;
  /** What the message is about, as a noun phrase: "the Q1 webinar". */
  topic: string;
  segment: SegmentFacts;
  value?: { text: string; n: number };
  proof?: { text: string; n: number };
  offer?: { text: string; n: number };
  /** A date phrase the objective or offer names ("by March 31"), for the urgency angle. */
  deadline?: string;
  deal?: { name: string; stage: string | null; nextStep: string | null; firstName: string };
  sources: ContentSource[];
}

const LEAD_VERBS =
  /^(please\s+)?(write|draft|create|generate|promote|announce|invite(\s+(people|them|everyone|customers))?(\s+to)?|drive\s+(sign-?ups|registrations|attendance)\s+(for|to)|get\s+(sign-?ups|registrations)\s+for|push|launch|sell|pitch|tell\s+(them|people)\s+about|about|for|re:?)\s+/i;

/** The noun phrase an objective is about: "Invite people to the Q1 webinar" → "the Q1 webinar". */
export function topicOf(objective: string): string {
  let t = objective.trim().replace(/[.!?]+$/, "");
  for (let i = 0; i < 3 && LEAD_VERBS.test(t); i++) t = t.replace(LEAD_VERBS, "");
  t = t.replace(/\s+(for|to)\s+(the\s+)?[\w\s-]+\s+segment$/i, "").trim();
  if (!t) return "what's new";
  return /^[A-Z]{2}/.test(t) || /^[A-Z][a-z]+\s[A-Z0-9]/.test(t) ? t : t[0]!.toLowerCase() + t.slice(1);
}

/** "by March 31", "before Friday", "ends June 30" in the objective or offer. */
export function deadlineOf(...texts: (string | undefined)[]): string | undefined {
  for (const t of texts) {
    const m = t && /\b(by|before|until|ends?|through)\s+((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?|(mon|tues|wednes|thurs|fri|satur|sun)day|the end of (the )?(month|quarter|week|q[1-4])|q[1-4])\b/i.exec(t);
    if (m) return `${m[1]!.toLowerCase().startsWith("end") ? "by" : m[1]!.toLowerCase()} ${m[2]}`;
  }
  return undefined;
}

const PLAIN = (s: string) =>
  s
    .replace(/\*\*|__|`|#+\s*/g, "")
    .replace(/\[([^\]]+)\]\([^)]+\)/g, "$1")
    .replace(/^\s*[-*•]\s*/gm, "")
    .replace(/\s+/g, " ")
    .trim();

function sentences(text: string): string[] {
  return PLAIN(text)
    .split(/(?<=[.!?])\s+(?=[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 25 && s.length <= 160 && !/[|:]\s*$/.test(s) && !/\?$/.test(s));
}

/** A result with a number in it ("Requests to the analytics team fell by 40%"), preferring case studies. */
export function pickProof(passages: readonly KnowledgePassage[]): { text: string; index: number } | undefined {
  const ranked = passages
    .map((p, index) => ({ p, index }))
    .sort((a, b) => Number(/case/i.test(b.p.source)) - Number(/case/i.test(a.p.source)));
  for (const { p, index } of ranked) {
    const s = sentences(p.text).find((x) => /\d/.test(x) && /(%|\bfell\b|\brose\b|\bcut\b|\bsaved?\b|\bfaster\b|\bhours?\b|\bdays?\b|\bfrom\b.*\bto\b)/i.test(x));
    if (s) return { text: s.replace(/\.$/, ""), index };
  }
  return undefined;
}

/** A benefit statement ("… lets branch managers answer their own questions"). */
export function pickValue(passages: readonly KnowledgePassage[]): { text: string; index: number } | undefined {
  for (const [index, p] of passages.entries()) {
    const s = sentences(p.text).find((x) => /\b(helps?|lets?|gives?|so (you|your|teams?)|without|in minutes|self-serve|one place|answers?)\b/i.test(x) && !/\$\s?\d/.test(x));
    if (s) return { text: s.replace(/\.$/, ""), index };
  }
  return undefined;
}

const AUDIENCES: Record<string, string> = {
  "key accounts": "our key customers",
  "growth accounts": "growing teams",
  "small and steady": "lean teams",
  "lapsed customers": "former customers",
  "not yet converted": "teams evaluating analytics",
  "enterprise prospects": "enterprise teams",
  "occasional buyers": "busy teams",
  "engaged, not buying": "teams exploring analytics",
};

export function audienceOf(label: string): string {
  const known = AUDIENCES[label.toLowerCase()];
  if (known) return known;
  const base = label.replace(/\b(segment|accounts?|customers?|prospects?)\b/gi, "").trim();
  return `${(base || label).toLowerCase()} teams`;
}

/** Numbered sources in the order they were added; each fact keeps its number for citation. */
export class SourceList {
  readonly items: ContentSource[] = [];
  add(kind: ContentSource["kind"], ref: string, text: string): number {
    const found = this.items.find((s) => s.ref === ref && s.text === text);
    if (found) return found.n;
    const n = this.items.length + 1;
    this.items.push({ n, kind, ref, text });
    return n;
  }
}
