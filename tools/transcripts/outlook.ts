import type { Extraction } from "./extraction-types.js";
import type { QuestionCounts, SideShare } from "./metrics.js";
import type { SentimentSummary } from "./sentiment.js";

export interface Signal {
  signal: string;
  /** Log-odds this signal adds (positive helps the deal move). */
  weight: number;
  evidence: string;
}

export interface Outlook {
  /** Chance the deal moves to its next stage, 0..1. */
  likelihood: number;
  label: "low" | "medium" | "high";
  signals: Signal[];
  basis: string;
}

/**
 * Deal progression from what the call shows. There is no labelled set of calls and outcomes to fit on, so
 * the weights are stated priors (log-odds), read from published call research: an agreed, dated next step
 * matters most; unanswered objections and a customer who cools off hurt. Every signal that fired is listed.
 */
const BASE = -0.4;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function dealOutlook(input: { extraction: Extraction; talkShare: SideShare; questions: QuestionCounts; sentiment: SentimentSummary }): Outlook {
  const { extraction: x, talkShare, questions, sentiment } = input;
  const signals: Signal[] = [];
  const add = (signal: string, weight: number, evidence: string) => signals.push({ signal, weight, evidence });

  const dated = x.nextSteps.find((s) => s.due);
  if (dated) add("dated next step agreed", 1.4, dated.quote);
  else if (x.nextSteps.length) add("next step without a date", 0.6, x.nextSteps[0]!.quote);
  else add("no next step", -1.0, "no commitment found in the call");
  if (x.painPoints.length) add("customer named a pain", 0.5, x.painPoints[0]!.quote);
  if (x.budget.length) add("budget discussed", 0.3, x.budget[0]!.quote);
  if (x.timeline.length) add("timeline stated", 0.4, x.timeline[0]!.quote);
  if (x.decisionMakers.length) add("decision maker identified", 0.3, x.decisionMakers[0]!.quote);
  if (questions.customer >= 3) add("customer asked questions", 0.4, `${questions.customer} customer questions`);
  if (talkShare.customer >= 0.4) add("customer talked", 0.3, `customer talk share ${Math.round(talkShare.customer * 100)}%`);
  if (talkShare.rep > 0.65) add("rep dominated the call", -0.4, `rep talk share ${Math.round(talkShare.rep * 100)}%`);
  const open = x.objections.filter((o) => !o.answered);
  if (open.length) add("objection left open", -0.5 * Math.min(open.length, 3), open[0]!.quote);
  if (x.objections.some((o) => o.type === "status_quo" || o.type === "timing")) {
    const o = x.objections.find((o) => o.type === "status_quo" || o.type === "timing")!;
    add(`${o.type.replace("_", " ")} objection`, -0.4, o.quote);
  }
  if (sentiment.customer.trend === "improving") add("customer warmed up", 0.4, `customer sentiment ${sentiment.customer.start.toFixed(2)} → ${sentiment.customer.end.toFixed(2)}`);
  if (sentiment.customer.trend === "declining") add("customer cooled off", -0.6, `customer sentiment ${sentiment.customer.start.toFixed(2)} → ${sentiment.customer.end.toFixed(2)}`);

  const likelihood = sigmoid(BASE + signals.reduce((z, s) => z + s.weight, 0));
  return {
    likelihood,
    label: likelihood >= 0.65 ? "high" : likelihood >= 0.35 ? "medium" : "low",
    signals,
    basis: "stated prior weights (log-odds) over call signals; not fitted to outcomes",
  };
}
