import type { Extraction } from "./extraction-types.js";
import type { Interactivity, Patience, QuestionCounts, SideShare, Stretch } from "./metrics.js";
import type { SidedTurn } from "./types.js";

export type CoachingRule =
  | "talk_share_high"
  | "no_discovery_questions"
  | "long_monologue"
  | "objection_unanswered"
  | "no_next_step"
  | "short_patience"
  | "few_questions";

export interface Coaching {
  rule: CoachingRule;
  advice: string;
  /** What in the call shows it: a figure and, where there is one, the sentence. */
  evidence: { figure?: string; quote?: string; turn?: number };
}

export const THRESHOLDS = {
  /** Gong's guidance: top reps talk 43–57% on discovery calls; above 65% the customer barely speaks. */
  talkShare: 0.65,
  monologueSeconds: 120,
  /** Two minutes at 150 words a minute, when the transcript has no times. */
  monologueWords: 300,
  /** Below 0.6 s the rep is cutting in. */
  patienceSeconds: 0.6,
  /** Fewer rep questions than this in a call of 20+ turns is few. */
  minQuestions: 5,
} as const;

const pct = (x: number) => `${Math.round(x * 100)}%`;

export interface CoachingInput {
  turns: readonly SidedTurn[];
  talkShare: SideShare;
  basis: "time" | "words";
  monologue?: Stretch;
  questions: QuestionCounts;
  patience: Patience;
  interactivity: Interactivity;
  extraction: Extraction;
}

function firstWords(text: string, n = 25): string {
  const words = text.split(/\s+/);
  return words.length <= n ? text : `${words.slice(0, n).join(" ")}…`;
}

/** Recommendations, each tied to what happened in the call. Only rules that fire are returned. */
export function coach(input: CoachingInput): Coaching[] {
  const out: Coaching[] = [];
  const { talkShare, monologue, questions, extraction, turns } = input;
  if (talkShare.rep > THRESHOLDS.talkShare) {
    out.push({
      rule: "talk_share_high",
      advice: `You spoke ${pct(talkShare.rep)} of the call (by ${input.basis}). Aim under 60%: ask, then let the customer talk.`,
      evidence: { figure: `rep talk share ${pct(talkShare.rep)} > ${pct(THRESHOLDS.talkShare)}` },
    });
  }
  if (questions.repOpen === 0) {
    const closed = turns.find((t) => t.side === "rep" && /\?/.test(t.clean));
    out.push({
      rule: "no_discovery_questions",
      advice: "No open discovery question (what / how / why / tell me about…). Ask about their process, pains and goals before pitching.",
      evidence: { figure: `${questions.rep} rep questions, 0 open`, ...(closed ? { quote: firstWords(closed.clean), turn: closed.index } : {}) },
    });
  } else if (turns.length >= 20 && questions.rep < THRESHOLDS.minQuestions) {
    out.push({
      rule: "few_questions",
      advice: `Only ${questions.rep} questions in ${turns.length} turns. Top reps ask 11–14 on a discovery call.`,
      evidence: { figure: `${questions.rep} rep questions` },
    });
  }
  if (monologue) {
    const long = monologue.seconds !== null ? monologue.seconds > THRESHOLDS.monologueSeconds : monologue.words > THRESHOLDS.monologueWords;
    if (long) {
      const size = monologue.seconds !== null ? `${Math.round(monologue.seconds)} s` : `${monologue.words} words`;
      out.push({
        rule: "long_monologue",
        advice: `Your longest monologue ran ${size}. Break anything over two minutes with a check-in question.`,
        evidence: { figure: `longest monologue ${size}`, quote: firstWords(turns[monologue.turn]!.clean), turn: monologue.turn },
      });
    }
  }
  for (const o of extraction.objections.filter((x) => !x.answered)) {
    out.push({
      rule: "objection_unanswered",
      advice: `The ${o.type.replace("_", " ")} objection was not addressed. Acknowledge it, ask what is behind it, then answer.`,
      evidence: { quote: o.quote, turn: o.turn },
    });
  }
  if (extraction.nextSteps.length === 0) {
    const last = turns[turns.length - 1];
    out.push({
      rule: "no_next_step",
      advice: "The call ended without an agreed next step. Close every call with a date, an owner and an action.",
      evidence: { figure: "0 next steps", ...(last ? { quote: firstWords(last.clean), turn: last.index } : {}) },
    });
  }
  if (input.patience.seconds !== null && input.patience.measured >= 3 && input.patience.seconds < THRESHOLDS.patienceSeconds) {
    out.push({
      rule: "short_patience",
      advice: `You answered after ${input.patience.seconds.toFixed(2)} s on average. Pause a beat longer: customers add detail when given room.`,
      evidence: { figure: `mean pause ${input.patience.seconds.toFixed(2)} s over ${input.patience.measured} hand-overs` },
    });
  }
  return out;
}
