import { coach, type Coaching } from "./coaching.js";
import { extractLocally } from "./extract.js";
import type { Extraction, NextStep, Objection, Quoted } from "./extraction-types.js";
import { draftFollowUp, type FollowUpDraft } from "./follow-up.js";
import {
  callSeconds,
  interactivity,
  longestTurn,
  patience,
  questionCounts,
  sideTurns,
  talkShareByTime,
  talkShareByWords,
  trackKeywords,
  turnDurations,
  type SideShare,
  type Stretch,
  type Tracker,
  type TrackerHit,
} from "./metrics.js";
import { dealOutlook, type Outlook } from "./outlook.js";
import { identifyRep, type RepHints, type RepIdentification } from "./sides.js";
import { summarizeSentiment, type Trend } from "./sentiment.js";
import type { SidedTurn, Transcript, TranscriptFormat } from "./types.js";

export interface AnalyzeOptions {
  rep?: RepHints;
  trackers?: readonly Tracker[];
  competitors?: readonly string[];
  company?: string;
  /** Structured extraction by a model; its result replaces the local one when it returns. */
  extract?: (turns: readonly SidedTurn[], local: Extraction) => Promise<Extraction | undefined>;
}

export interface MonologueFigure {
  speaker: string;
  turn: number;
  seconds: number | null;
  words: number;
  start: number | null;
  quote: string;
}

/** The analysis as the CLI prints it (`--json`) and the API returns it: snake_case, figures 0..1 rounded to 4 places. */
export interface TranscriptAnalysis {
  format: TranscriptFormat;
  turns: number;
  words: number;
  duration_seconds: number | null;
  speakers: { name: string; side: "rep" | "customer"; turns: number; words: number; seconds: number | null }[];
  rep: { speakers: string[]; method: RepIdentification["method"]; note: string };
  talk_ratio: SideShare;
  talk_ratio_basis: "time" | "words";
  talk_ratio_by_words: SideShare;
  talk_ratio_by_time: SideShare | null;
  longest_monologue: MonologueFigure | null;
  longest_customer_story: MonologueFigure | null;
  interactivity: { switches: number; per_minute: number | null; per_100_words: number };
  patience: { seconds: number | null; measured: number };
  questions: { rep: number; customer: number };
  discovery_questions: number;
  trackers: TrackerHit[];
  sentiment: {
    customer: { start: number; middle: number; end: number; mean: number; trend: Trend };
    rep: { mean: number };
    per_turn: { turn: number; speaker: string; score: number }[];
  };
  objections: (Pick<Objection, "type" | "quote" | "speaker" | "turn" | "answered"> & { response?: string })[];
  pain_points: Quoted[];
  competitors: (Quoted & { name: string })[];
  budget: Quoted[];
  timeline: Quoted[];
  decision_makers: (Quoted & { who: string })[];
  next_steps: (Pick<NextStep, "action" | "owner" | "due" | "quote" | "speaker" | "turn"> & { owner_name: string })[];
  coaching: Coaching[];
  outlook: Outlook;
  follow_up_email: FollowUpDraft;
  extraction_source: "local" | "llm";
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const roundShare = (s: SideShare): SideShare => {
  const rep = r4(s.rep);
  return { rep, customer: s.rep + s.customer === 0 ? 0 : r4(1 - rep) };
};

function quoteStart(text: string, n = 30): string {
  const words = text.split(/\s+/);
  return words.length <= n ? text : `${words.slice(0, n).join(" ")}…`;
}

function figure(stretch: Stretch | undefined, turns: readonly SidedTurn[]): MonologueFigure | null {
  if (!stretch) return null;
  return {
    speaker: stretch.speaker,
    turn: stretch.turn,
    seconds: stretch.seconds === null ? null : Math.round(stretch.seconds * 10) / 10,
    words: stretch.words,
    start: stretch.start,
    quote: quoteStart(turns[stretch.turn]!.clean),
  };
}

/** Everything the call intelligence computes for one transcript. Pure apart from the optional model. */
export async function analyzeTranscript(transcript: Transcript, options: AnalyzeOptions = {}): Promise<TranscriptAnalysis> {
  const rep = identifyRep(transcript.turns, { company: options.company, ...options.rep });
  const turns = sideTurns(transcript.turns, rep);
  const byWords = talkShareByWords(turns);
  const byTime = talkShareByTime(turns);
  const talk = byTime ?? byWords;
  const basis = byTime ? "time" : "words";
  const monologue = longestTurn(turns, "rep");
  const story = longestTurn(turns, "customer");
  const inter = interactivity(turns);
  const pat = patience(turns);
  const questions = questionCounts(turns);
  const sentiment = summarizeSentiment(turns);
  const repName = rep.repSpeakers[0];
  const customerName = turns.find((t) => t.side === "customer")?.speaker;
  const local = extractLocally(turns, { competitors: options.competitors, repName, customerName });
  const extraction = (options.extract ? await options.extract(turns, local).catch(() => undefined) : undefined) ?? local;
  const coaching = coach({ turns, talkShare: talk, basis, monologue, questions, patience: pat, interactivity: inter, extraction });
  const outlook = dealOutlook({ extraction, talkShare: talk, questions, sentiment });
  const seconds = callSeconds(turns);

  const speakers = [...new Set(turns.map((t) => t.speaker))].map((name) => {
    const own = turns.filter((t) => t.speaker === name);
    return {
      name,
      side: own[0]!.side,
      turns: own.length,
      words: own.reduce((n, t) => n + t.words, 0),
      seconds: null as number | null,
    };
  });
  const durations = turnDurations(turns);
  if (durations) {
    for (const s of speakers) s.seconds = Math.round(turns.reduce((sum, t, i) => sum + (t.speaker === s.name ? durations[i]! : 0), 0) * 10) / 10;
  }

  return {
    format: transcript.format,
    turns: turns.length,
    words: turns.reduce((n, t) => n + t.words, 0),
    duration_seconds: seconds === null ? null : Math.round(seconds * 10) / 10,
    speakers,
    rep: { speakers: rep.repSpeakers, method: rep.method, note: rep.note },
    talk_ratio: roundShare(talk),
    talk_ratio_basis: basis,
    talk_ratio_by_words: roundShare(byWords),
    talk_ratio_by_time: byTime ? roundShare(byTime) : null,
    longest_monologue: figure(monologue, turns),
    longest_customer_story: figure(story, turns),
    interactivity: { switches: inter.switches, per_minute: inter.perMinute === null ? null : r4(inter.perMinute), per_100_words: r4(inter.per100Words) },
    patience: { seconds: pat.seconds === null ? null : r4(pat.seconds), measured: pat.measured },
    questions: { rep: questions.rep, customer: questions.customer },
    discovery_questions: questions.repOpen,
    trackers: options.trackers ? trackKeywords(turns, options.trackers) : [],
    sentiment: {
      customer: {
        start: r4(sentiment.customer.start),
        middle: r4(sentiment.customer.middle),
        end: r4(sentiment.customer.end),
        mean: r4(sentiment.customer.mean),
        trend: sentiment.customer.trend,
      },
      rep: { mean: r4(sentiment.rep.mean) },
      per_turn: turns.map((t, i) => ({ turn: i, speaker: t.speaker, score: r4(sentiment.perTurn[i]!) })),
    },
    objections: extraction.objections.map(({ type, quote, speaker, turn, answered, response }) => ({ type, quote, speaker, turn, answered, ...(response ? { response } : {}) })),
    pain_points: extraction.painPoints,
    competitors: extraction.competitors,
    budget: extraction.budget,
    timeline: extraction.timeline,
    decision_makers: extraction.decisionMakers,
    next_steps: extraction.nextSteps.map(({ action, owner, ownerName, due, quote, speaker, turn }) => ({ action, owner, owner_name: ownerName, due, quote, speaker, turn })),
    coaching,
    outlook: { ...outlook, likelihood: r4(outlook.likelihood) },
    follow_up_email: draftFollowUp({ extraction, customer: customerName, rep: repName, company: options.company }),
    extraction_source: extraction.source,
  };
}
