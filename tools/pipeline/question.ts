import { periodInText } from "./period.js";

/** What a rep or manager asks of the pipeline, in a few plain-language shapes. */
export type PipelineQuestion =
  | { kind: "slipping"; period: string }
  | { kind: "forecast"; period: string }
  | { kind: "at_risk"; period: string }
  | { kind: "overview"; period: string };

const SLIP = /\bslip|\bslipping|\bpush(?:ed)? (?:out|back)|\bwon'?t close|\bnot (?:going to )?close|\bdelay|\bmiss(?:ing)? (?:the |this |our )?(?:month|quarter|date)/i;
const FORECAST = /\bforecast|\bcommit\b|\bprojection|\bproject(?:ed)?\b|\bland (?:this|in)|\bexpect(?:ed)? to (?:close|book)|\bnumber for|\bhow much will/i;
const AT_RISK = /\bat[- ]risk|\brisky|\bstalled|\bstuck|\bneeds? attention|\bworr(?:y|ied)|\bin trouble|\bgoing cold/i;

export function parsePipelineQuestion(text: string): PipelineQuestion {
  const named = periodInText(text);
  if (SLIP.test(text)) return { kind: "slipping", period: named ?? "this month" };
  if (FORECAST.test(text)) return { kind: "forecast", period: named ?? "this quarter" };
  if (AT_RISK.test(text)) return { kind: "at_risk", period: named ?? "this quarter" };
  return { kind: "overview", period: named ?? "this quarter" };
}
