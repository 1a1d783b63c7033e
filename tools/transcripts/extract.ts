import type { Sentence, SidedTurn } from "./types.js";
import type { Extraction, NextStep, Objection, ObjectionType, Quoted } from "./extraction-types.js";
import { sentencesOf } from "./words.js";

/**
 * Local extraction: patterns over the sentences of each turn. Objections, pains, budget, timeline and
 * decision makers come from the customer's side; competitors from either side; next steps from commitments
 * either side makes. Every item quotes its sentence.
 */
const OBJECTION_PATTERNS: Record<ObjectionType, RegExp[]> = {
  price: [
    /\b(?:too|quite|pretty|very|bit|rather) (?:expensive|pricey|costly|steep|high)\b/i,
    /\b(?:expensive|pricey|overpriced)\b/i,
    /\b(?:can't|cannot|couldn't|can not) afford\b/i,
    /\b(?:price|pricing|cost|costs|fee|fees|investment)\b.{0,40}\b(?:concern|high|issue|problem|steep|much|more than|worr)/i,
    /\b(?:concern|worr\w*|issue)\b.{0,40}\b(?:price|pricing|cost|costs|budget|fees?)\b/i,
    /\b(?:over|out of|beyond|exceeds?) (?:our|my|the) budget\b/i,
    /\bbudget(?:s)? (?:is|are) (?:tight|limited|stretched|constrained)\b/i,
    /\b(?:cheaper|lower price|less expensive)\b/i,
    /\b(?:significant|big|large|major|substantial|considerable|hefty|serious) (?:investment|expense|outlay)\b/i,
    /\bmore than (?:i|we) (?:hoped|expected|wanted|planned|budgeted)\b/i,
    /\b(?:unsure|not sure|uncertain)\b.{0,30}\b(?:cost|price|roi|worth)/i,
  ],
  competitor: [
    /\b(?:looking at|talking to|evaluating|considering|comparing|also using|already using|currently using|got a (?:quote|proposal) from)\s+(?:[A-Z][\w&.-]+)/,
    /\b(?:already|currently) (?:use|using|work with|working with|have|signed with)\b.{0,40}\b(?:vendor|provider|tool|platform|solution|system|company|[A-Z][a-zA-Z]+)/,
    /\b(?:looking at|talking to|evaluating|considering|comparing)\b.{0,30}\b(?:other|another|a few|several|different) (?:vendors?|providers?|options|solutions|companies|tools|platforms)\b/i,
    /\b(?:another|other|different) (?:vendor|provider|company|solution)s?\b.{0,40}\b(?:offer|quoted|cheaper|gave|proposal|better)\b/i,
    /\b(?:competitor|competition)\b/i,
  ],
  timing: [
    /\b(?:not|isn't|is not) (?:the )?(?:right|best|good) time\b/i,
    /\bnot (?:a|our) (?:top )?priority\b/i,
    /\b(?:next|following) (?:year|quarter|fiscal year)\b.{0,40}\b(?:maybe|revisit|look|consider|budget|wait)\b/i,
    /\b(?:wait|hold off|revisit|circle back|hold)\b.{0,30}\b(?:until|till|next|later|after)\b/i,
    /\b(?:too busy|swamped|bandwidth|no time right now|timing is)\b/i,
    /\b(?:not|isn't) (?:in a rush|urgent|ready (?:yet|now))\b/i,
  ],
  authority: [
    /\b(?:need|have|want|going) to (?:talk|speak|check|run (?:it|this) by|discuss|consult|loop in)\b.{0,40}\b(?:with )?(?:my|our|the) (?:boss|manager|team|cfo|ceo|cto|cio|vp|director|partner|wife|husband|spouse|board|finance|it|legal|procurement|head|owner|committee|leadership)/i,
    /\b(?:not|isn't) (?:my|entirely my|just my|only my) (?:decision|call)\b/i,
    /\b(?:need|needs|get|require|requires|would need|have to get)\b.{0,20}\b(?:sign[- ]off|approval|buy[- ]in|blessing|green light)\b/i,
    /\b(?:before|until) (?:we|i) (?:commit|sign|decide|move forward|go ahead)\b.{0,40}\b(?:cfo|ceo|boss|board|team|partner|manager|director|vp|approv)/i,
    /\bdecision (?:is|isn't|will be) (?:made )?(?:by|up to)\b/i,
  ],
  security: [
    /\b(?:security|secure|compliance|compliant|gdpr|hipaa|soc ?2|iso ?27001|pci|privacy|encrypt\w*|data residency|penetration test|pen test|sso|audit)\b/i,
  ],
  status_quo: [
    /\b(?:current|existing) (?:system|process|setup|solution|tool|way)\b.{0,40}\b(?:works?|working|fine|okay|ok|good enough|does the job)\b/i,
    /\b(?:works?|working) (?:fine|well|okay|ok) (?:for us|as is|right now|now)\b/i,
    /\b(?:happy|satisfied|comfortable) with (?:what we have|our current|the current|how|our existing)\b/i,
    /\b(?:don't|do not|not sure (?:we|i)) (?:really )?(?:see the need|need (?:it|this|that|another|a new))\b/i,
    /\b(?:always done it|done it this way|why change|if it ain't broke|good enough)\b/i,
    /\b(?:not sure|unsure|don't know) (?:if|whether) (?:we|i|it)(?:'s| is| really| would)? (?:need|worth|necessary|make sense)/i,
  ],
};
/** Security words in a plain question ("is it secure?") are interest, not an objection, unless worried. */
const CONCERN = /\b(?:concern|worr|afraid|risk|hesitant|not sure|nervous|issue|problem|requirement|strict|must|need(?:s)? to be|can't|cannot|won't)\w*/i;

/** Words a rep's answer to each objection tends to use. */
const RESPONSE_CUES: Record<ObjectionType, RegExp> = {
  price: /\b(?:roi|return|value|sav(?:e|es|ings)|pay(?:s)? for itself|discount|plan|pricing|package|tier|flexible|payment|financ|cost|budget|invest|trial|pilot|worth)\w*/i,
  competitor: /\b(?:unlike|differen|compar|switch|migrat|advantage|better|also|integrat|side by side|versus|vs)\w*/i,
  timing: /\b(?:understand|timeline|when|later|schedule|pilot|start small|phase|next quarter|no rush|whenever|in the meantime|follow up|check back)\w*/i,
  authority: /\b(?:happy to|join|include|loop|meet|call|present|deck|summary|send|materials|walk (?:them|him|her)|bring)\w*/i,
  security: /\b(?:soc ?2|iso|gdpr|hipaa|encrypt|certif|complian|audit|secure|security|data|privacy|sso|document|questionnaire)\w*/i,
  status_quo: /\b(?:understand|many|others|clients|customers|spreadsheet|manual|time|save|risk|grow|scale|cost of|compared)\w*/i,
};
const ACKNOWLEDGE = /\b(?:understand|understandable|fair|good (?:question|point)|great (?:question|point)|hear you|makes sense|common|totally|absolutely|appreciate|valid|of course|i see|that's a)\b/i;

const PAIN = [
  /\b(?:struggl\w*|challeng\w*|problem\w*|issue\w*|difficult\w*|frustrat\w*|pain(?:ful)?|headache|bottleneck|nightmare|tedious)\b/i,
  /\b(?:wast(?:e|es|ed|ing)|los(?:e|es|ing|t)) (?:a lot of |so much |too much |hours|time|money|track|customers|deals|leads|data|sales|business)/i,
  /\b(?:takes?|took|spend(?:s|ing)?) (?:us |me |them )?(?:hours|days|weeks|forever|too long|a lot of time)\b/i,
  /\b(?:manual(?:ly)?|error[- ]prone|mistakes|errors|slow|outdated|clunky|inefficient|behind|scattered|siloed|confusion|confusing)\b/i,
  /\b(?:not ideal|hard to|can't keep|cannot keep|falls? through the cracks|no visibility|lack of|keep up)\b/i,
];

const KNOWN_NOT_NAMES = new Set(["I", "We", "The", "A", "An", "It", "That", "This", "They", "Our", "My", "Your", "You", "And", "But", "So", "Excel", "Google", "Microsoft", "Email"]);
const COMPETITOR_CONTEXT =
  /\b(?:using|use|switch(?:ed|ing)? (?:from|to)|moved? (?:from|to)|compared? (?:to|with)|versus|vs\.?|looked at|looking at|talking to|evaluating|quote from|demo (?:from|with)|contract with|signed with|offer from)\s+((?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}))/g;

const MONEY = /(?:[$€£]\s?\d[\d,.]*\s?(?:k|m|million|thousand|bn)?|\b\d[\d,.]*\s?(?:dollars|euros|pounds|usd|eur|gbp)\b|\b\d+(?:\.\d+)?\s?(?:k|grand)\b)/i;
const BUDGET_WORDS = /\b(?:budget(?:ed|s)?|spend(?:ing)?|afford|allocated|set aside|price range|per (?:month|year|seat|user|license)|annual(?:ly)?)\b/i;
const TIMELINE = [
  /\b(?:by|before|within|in|until|end of|start of|early|late|mid|next|this|the coming)\s+(?:the\s+)?(?:q[1-4]|quarter|month|year|week|weeks|months|summer|spring|fall|autumn|winter|january|february|march|april|may|june|july|august|september|october|november|december|\d{1,2}\s+(?:days|weeks|months))\b/i,
  /\b(?:timeline|timeframe|deadline|go[- ]live|launch|roll ?out|implement(?:ed|ation)? by|up and running|asap|as soon as possible)\b/i,
];
const DECISION_CONTEXT = /\b(?:sign(?:s|ed)?[- ]off|approv\w*|decid\w*|decision|final say|run (?:it|this|that) (?:by|past)|buy[- ]in|budget holder|signs? the contract|green light|check with|talk to|consult)\b/i;
/** People first (a CFO decides more than "the finance team"), then groups. */
const DECISION_ROLES = [
  /\b(?:my|our|the) (?:boss|ceo|cfo|cto|cio|coo|owner|founder|president|vp(?: of \w+)?|director(?: of \w+)?|head of \w+|general manager|gm|managing director|partner|wife|husband|spouse)\b/i,
  /\b(?:my|our|the) (?:manager|board|procurement(?: team)?|finance(?: team)?|legal(?: team)?|it (?:team|department|lead)|leadership(?: team)?|committee|purchasing|management)\b/i,
  /\bdecision[- ]makers?\b/i,
];
/** A name right after the role: "our CFO Maria Lopez", "my boss, Tom". */
const NAME_AFTER = /^,?\s+(\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)/u;

function decisionMaker(sentence: string): string | undefined {
  for (const pattern of DECISION_ROLES) {
    const m = pattern.exec(sentence);
    if (!m) continue;
    const name = NAME_AFTER.exec(sentence.slice(m.index + m[0].length));
    return name ? `${m[0]} ${name[1]}` : m[0];
  }
  return undefined;
}
const PERSON_DECIDES = /\b(\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)\s+(?:makes|has|will make|signs|approves|decides|needs to approve|has the final)\b/u;

const COMMIT = [
  /\b(?:i'll|i will|we'll|we will|i'm going to|we're going to|i can|let me)\s+(?:send|email|e-mail|share|schedule|set up|book|put together|prepare|draft|follow up|get back|circle back|check|talk|speak|loop|call|reach out|forward|review|confirm|arrange|introduce|connect|invite|run|discuss|look into|get you|get that|have|bring|provide|come back|finali[sz]e|sign|start|ship|deliver)\b/i,
  /\blet's\s+(?:schedule|set up|book|plan|meet|talk|reconnect|regroup|get|do|aim|touch base|follow up|pencil|go with|move forward|circle back|start)\b/i,
  /\b(?:next steps?|follow[- ]up (?:call|meeting|demo)|(?:schedule|book|set up) (?:a|the|another) (?:call|meeting|demo|follow-up|session|trial|pilot))\b/i,
  /\b(?:can|could) (?:we|you)\s+(?:schedule|set up|book|send|meet|share|get|do|talk|loop|introduce|confirm)\b.*\?/i,
  /\b(?:sounds good|works for me|that works|perfect)\b.{0,30}\b(?:monday|tuesday|wednesday|thursday|friday|tomorrow|next week|\d{1,2}(?::\d{2})?\s?(?:am|pm))\b/i,
];
const DUE =
  /\b(?:(?:by|on|before|this|next|until)\s+)?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening))?|tomorrow(?:\s+(?:morning|afternoon))?|today|tonight|end of (?:the )?(?:day|week|month|quarter)|early next week|next week|next month|this week|in (?:a|one|two|three|\d+) (?:days?|weeks?)|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)? of (?:january|february|march|april|may|june|july|august|september|october|november|december)|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2})(?:\s+at\s+\d{1,2}(?::\d{2})?\s?(?:am|pm)?|\s+\d{1,2}(?::\d{2})?\s?(?:am|pm))?/i;
const TIME_ONLY = /\b(?:at\s+)?\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)/i;

export function sentencesOfTurns(turns: readonly SidedTurn[]): Sentence[] {
  return turns.flatMap((t) => sentencesOf(t.clean).map((text) => ({ turn: t.index, speaker: t.speaker, side: t.side, text })));
}

function quoted(s: Sentence): Quoted {
  return { quote: s.text, speaker: s.speaker, turn: s.turn };
}

export function objectionTypeOf(sentence: string): ObjectionType | undefined {
  for (const type of ["authority", "competitor", "timing", "status_quo", "price", "security"] as const) {
    if (!OBJECTION_PATTERNS[type].some((p) => p.test(sentence))) continue;
    if (type === "security" && !CONCERN.test(sentence)) continue;
    return type;
  }
  return undefined;
}

/** The rep answered when their next turn acknowledges or addresses the objection's subject in some depth. */
function response(turns: readonly SidedTurn[], at: number, type: ObjectionType): { answered: boolean; response?: string } {
  const next = turns.slice(at + 1).find((t) => t.side === "rep");
  if (!next || next.index > at + 2) return { answered: false };
  const addresses = RESPONSE_CUES[type].test(next.clean) || ACKNOWLEDGE.test(next.clean);
  if (next.words < 12 || !addresses) return { answered: false };
  const sentences = sentencesOf(next.clean);
  return { answered: true, response: sentences.find((x) => RESPONSE_CUES[type].test(x) && x.split(/\s+/).length > 3) ?? sentences[0] };
}

function competitorNames(sentence: string, known: readonly string[]): string[] {
  const names = new Set<string>();
  for (const k of known) if (new RegExp(`\\b${k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i").test(sentence)) names.add(k);
  for (const m of sentence.matchAll(COMPETITOR_CONTEXT)) {
    const name = m[1]!.replace(/[.,]$/, "").trim();
    const first = name.split(/\s+/)[0]!;
    if (!KNOWN_NOT_NAMES.has(first) && name.length > 1) names.add(name);
  }
  return [...names];
}

function dueOf(sentence: string): string | null {
  const m = DUE.exec(sentence) ?? TIME_ONLY.exec(sentence);
  return m ? m[0].trim() : null;
}

function ownerOf(sentence: string, s: Sentence): NextStep["owner"] {
  if (/\b(?:let's|we'll|we will|we can|shall we)\b/i.test(sentence)) return "both";
  if (/\b(?:can|could|would|will) you\b|\byou'll\b|\byou (?:can|should|could)\b/i.test(sentence)) return s.side === "rep" ? "customer" : "rep";
  return s.side;
}

function actionOf(sentence: string): string {
  const m = /\b(?:i'll|i will|we'll|we will|i'm going to|we're going to|i can|let me|let's|can we|could we|can you|could you)\s+(.+)/i.exec(sentence);
  return (m ? m[1]! : sentence).replace(/[?.!]+$/, "").trim();
}

export interface LocalExtractionOptions {
  /** Competitor names to look for (configured or from the intel sources). */
  competitors?: readonly string[];
  /** Names of the two sides, to say who owns a next step. */
  repName?: string;
  customerName?: string;
}

export function extractLocally(turns: readonly SidedTurn[], options: LocalExtractionOptions = {}): Extraction {
  const sentences = sentencesOfTurns(turns);
  const out: Extraction = { objections: [], painPoints: [], competitors: [], budget: [], timeline: [], decisionMakers: [], nextSteps: [], source: "local" };
  const seenObjection = new Set<string>();
  const seenCompetitor = new Set<string>();
  const lastThird = Math.floor((turns.length * 2) / 3);

  for (const s of sentences) {
    if (s.side === "customer") {
      // "What about cost? I'm a bit worried about that." — the worry is about the price asked in the same turn
      const type =
        objectionTypeOf(s.text) ??
        (/\b(?:worried|concerned|nervous|hesitant)\b/i.test(s.text) && /\b(?:cost|costs|price|pricing|expensive)\b/i.test(turns[s.turn]!.clean) ? "price" : undefined);
      if (type && !seenObjection.has(`${type}:${s.turn}`)) {
        seenObjection.add(`${type}:${s.turn}`);
        out.objections.push({ type, ...quoted(s), ...response(turns, s.turn, type) } satisfies Objection);
      }
      if (PAIN.some((p) => p.test(s.text)) && !/\?$/.test(s.text)) out.painPoints.push(quoted(s));
      if (MONEY.test(s.text) || (BUDGET_WORDS.test(s.text) && /\bbudget/i.test(s.text))) out.budget.push(quoted(s));
      if (TIMELINE.some((p) => p.test(s.text)) && !/\?$/.test(s.text)) out.timeline.push(quoted(s));
      const who = (DECISION_CONTEXT.test(s.text) ? decisionMaker(s.text) : undefined) ?? PERSON_DECIDES.exec(s.text)?.[1];
      if (who) out.decisionMakers.push({ who, ...quoted(s) });
    } else if (MONEY.test(s.text) && BUDGET_WORDS.test(s.text) && /\bbudget\b/i.test(s.text) && !/\?$/.test(s.text)) {
      out.budget.push(quoted(s));
    }
    for (const name of competitorNames(s.text, options.competitors ?? [])) {
      if (seenCompetitor.has(name.toLowerCase())) continue;
      if (s.side === "rep" && !(options.competitors ?? []).some((k) => k.toLowerCase() === name.toLowerCase())) continue;
      seenCompetitor.add(name.toLowerCase());
      out.competitors.push({ name, ...quoted(s) });
    }
    if (COMMIT.some((p) => p.test(s.text)) && (s.turn >= lastThird || dueOf(s.text))) {
      const owner = ownerOf(s.text, s);
      const ownerName = owner === "both" ? "both" : owner === "rep" ? (options.repName ?? "rep") : (options.customerName ?? "customer");
      out.nextSteps.push({ action: actionOf(s.text), owner, ownerName, due: dueOf(s.text), ...quoted(s) });
    }
  }
  out.nextSteps = dedupeSteps(out.nextSteps);
  return out;
}

/** One step per turn, preferring the sentence that names a date. */
function dedupeSteps(steps: NextStep[]): NextStep[] {
  const byTurn = new Map<number, NextStep>();
  for (const s of steps) {
    const prev = byTurn.get(s.turn);
    if (!prev || (!prev.due && s.due)) byTurn.set(s.turn, s);
  }
  return [...byTurn.values()].sort((a, b) => a.turn - b.turn);
}
