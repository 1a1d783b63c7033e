import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { SidedTurn } from "./types.js";
import { trendSlope } from "./metrics.js";

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/** wink-nlp's English model, loaded once on first use (~100 ms). It is data, not a client: safe to share. */
function english(): Nlp {
  nlp ??= winkNLP(model);
  return nlp;
}

/**
 * wink's lexicon misses the buyer's language of a sales call ("too expensive" scores 0), so sales cues are
 * added on top: each negative cue −0.4, each positive cue +0.4, the sum clipped to −1..1. A backchannel of
 * two words or fewer ("Okay.", "Mm-hmm.") is neutral: wink scores "Okay." 0.8.
 */
const NEGATIVE = [
  /\btoo (?:expensive|pricey|costly|much|high|complicated|complex)\b/i,
  /\b(?:concern(?:ed|s)?|worr(?:y|ied|ies)|hesitant|skeptical|frustrat\w*|disappoint\w*|unfortunately|annoy\w*)\b/i,
  /\b(?:can't|cannot|couldn't) afford\b/i,
  /\bnot (?:sure|convinced|interested|ready|a priority|happy)\b/i,
  /\b(?:struggl\w*|painful|headache|nightmare|waste|wasting)\b/i,
  /\b(?:over|out of) (?:our|the) budget\b/i,
];
const POSITIVE = [
  /\b(?:sounds? (?:good|great|promising|interesting)|makes sense|exactly what|love (?:it|that|this)|impressive|impressed|perfect|excited|fantastic)\b/i,
  /\b(?:very|really) (?:helpful|useful|interested|interesting)\b/i,
  /\blet's (?:do it|move forward|go ahead)\b/i,
];

export function lexiconScore(text: string): number {
  const neg = NEGATIVE.filter((p) => p.test(text)).length;
  const pos = POSITIVE.filter((p) => p.test(text)).length;
  return 0.4 * (pos - neg);
}

const clip = (x: number) => Math.max(-1, Math.min(1, x));

/** One turn's sentiment, −1 (negative) .. 1 (positive). */
export function turnSentiment(clean: string, words: number): number {
  if (words <= 2) return 0;
  const doc = english().readDoc(clean);
  const wink = Number(doc.out(english().its.sentiment)) || 0;
  return clip(wink + lexiconScore(clean));
}

export type Trend = "improving" | "declining" | "steady";

export interface SentimentSummary {
  /** Per turn, in order (both sides). */
  perTurn: number[];
  /** The customer's mean sentiment in the first, middle and last third of their turns. */
  customer: { start: number; middle: number; end: number; mean: number; trend: Trend; slope: number };
  rep: { mean: number };
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Thirds of a list by position: [0, n/3), [n/3, 2n/3), [2n/3, n). */
export function thirds<T>(xs: readonly T[]): [T[], T[], T[]] {
  const n = xs.length;
  const a = Math.round(n / 3);
  const b = Math.round((2 * n) / 3);
  return [xs.slice(0, a), xs.slice(a, b), xs.slice(b)];
}

/** A slope above 0.15 (on a −1..1 scale, first to last turn) is a trend; below, steady. */
export function trendOf(slope: number): Trend {
  return slope > 0.15 ? "improving" : slope < -0.15 ? "declining" : "steady";
}

export function summarizeSentiment(turns: readonly SidedTurn[]): SentimentSummary {
  const perTurn = turns.map((t) => turnSentiment(t.clean, t.words));
  const customerScores = turns.flatMap((t, i) => (t.side === "customer" && t.words > 2 ? [perTurn[i]!] : []));
  const repScores = turns.flatMap((t, i) => (t.side === "rep" && t.words > 2 ? [perTurn[i]!] : []));
  const [start, middle, end] = thirds(customerScores).map(mean) as [number, number, number];
  const slope = trendSlope(customerScores);
  return { perTurn, customer: { start, middle, end, mean: mean(customerScores), trend: trendOf(slope), slope }, rep: { mean: mean(repScores) } };
}
