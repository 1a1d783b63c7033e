import { COMPETITORS, type Competitor, type OpenStage } from "./catalog.js";
import type { Prng } from "./prng.js";

const COMPETITOR_WEIGHTS: Record<Competitor["id"], number> = { power_bi: 0.35, tableau: 0.25, looker: 0.18, qlik: 0.12, domo: 0.1 };

const EARLY_LOSSES = [
  ["No budget", 0.3],
  ["No decision / status quo", 0.3],
  ["Timing: revisit next fiscal year", 0.2],
  ["Not a fit: needs on-premises deployment", 0.08],
  ["Went dark", 0.12],
] as const;

const LATE_LOSSES = [
  ["competitor", 0.45],
  ["Price", 0.25],
  ["Procurement stalled", 0.12],
  ["Lost champion", 0.08],
  ["No decision / status quo", 0.1],
] as const;

export function lostReason(rng: Prng, lostAt: OpenStage): string {
  const early = lostAt === "prospecting" || lostAt === "qualification";
  const reason: string = rng.weighted(early ? EARLY_LOSSES : LATE_LOSSES);
  if (reason !== "competitor") return reason;
  const competitor = rng.weighted(COMPETITORS.map((c) => [c, COMPETITOR_WEIGHTS[c.id]] as const));
  return `Chose competitor: ${competitor.name}`;
}

const NEXT_STEPS: Record<OpenStage, readonly string[]> = {
  prospecting: ["Book discovery call", "Send intro deck and customer story", "Map stakeholders and current tools"],
  qualification: ["Schedule product demo", "Confirm budget and decision process", "Technical deep-dive with the data team"],
  proposal: ["Send proposal and pricing", "Review proposal with the economic buyer", "Complete security questionnaire"],
  negotiation: ["Redline MSA with legal", "Get final pricing approval", "Procurement sign-off"],
};

const STALLED_STEPS = ["Re-engage champion: no reply to last two emails", "Check whether the project is still funded", "Ask for a new decision date"];

export function nextStep(rng: Prng, stage: OpenStage, stalled: boolean): string {
  return stalled && rng.bernoulli(0.5) ? rng.pick(STALLED_STEPS) : rng.pick(NEXT_STEPS[stage]);
}
