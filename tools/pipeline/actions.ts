import type { Risk } from "./at-risk.js";
import type { Driver } from "./explain.js";
import type { OpenStage } from "./types.js";

/** Next best actions for an open deal: first what its risks call for, then what its stage needs. */
const STAGE_ACTION: Record<OpenStage, string> = {
  prospecting: "book a discovery call with the champion",
  qualification: "confirm budget, authority, need and timeline, then schedule a tailored demo",
  proposal: "walk the economic buyer through the proposal and agree the decision date",
  negotiation: "agree the signing plan: paperwork, approvers and the date",
};

const RISK_ACTION: Record<Risk["kind"], (stage: OpenStage) => string> = {
  quiet: () => "re-engage this week with a call, not an email",
  stalled: (stage) => (stage === "negotiation" ? "escalate to the economic buyer and ask what blocks the signature" : `agree a dated next step that moves it out of ${stage}`),
  low_probability: () => "requalify it (budget, authority, timeline) or close it out to keep the forecast honest",
  overdue: () => "reset the expected close date with the buyer",
  slipping: () => "reset the expected close date with the buyer",
};

export function nextBestActions(input: { stage: OpenStage; risks: readonly Risk[]; drivers: readonly Driver[]; nextStep: string | null }): string[] {
  const actions: string[] = [];
  const add = (a: string) => {
    if (!actions.includes(a)) actions.push(a);
  };
  for (const r of input.risks) add(RISK_ACTION[r.kind](input.stage));
  if (input.drivers.some((d) => d.feature === "activity_rate" && d.effect < 0) && !input.risks.some((r) => r.kind === "quiet")) {
    add("raise the touch frequency: it is below what won deals get");
  }
  if (!input.nextStep) add("record a next step in the CRM");
  add(STAGE_ACTION[input.stage]);
  return actions.slice(0, 3);
}
