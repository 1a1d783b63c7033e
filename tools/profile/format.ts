import type { NextBestAction } from "../journey/nba.js";
import type { CustomerProfile } from "./profile.js";

const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;

export function formatAction(a: NextBestAction): string {
  if (a.suppressed) return `${a.contact}: no outreach — ${a.suppressed}`;
  return `${a.contact}: ${a.action} by ${a.channel}, ${a.timeWindow}; content: ${a.content} (expected lift: action +${a.expectedLift.action} pp win rate, channel ${a.expectedLift.channel >= 0 ? "+" : ""}${a.expectedLift.channel} pp, time ${a.expectedLift.timeWindow >= 0 ? "+" : ""}${a.expectedLift.timeWindow} pp response). Evidence: ${a.evidence.join("; ")}`;
}

/** The whole profile as plain text, one fact per line. */
export function formatProfile(p: CustomerProfile): string {
  const a = p.account;
  const head = p.contact ? `${p.contact.name}${p.contact.title ? `, ${p.contact.title}` : ""} at ${a.name}` : a.name;
  const value = "expectedValue" in p.predictedValue
    ? `${p.predictedValue.expectedDeals.toFixed(2)} won deals (${money(p.predictedValue.expectedValue)}) expected in ${p.predictedValue.horizonWeeks} weeks, P(still buying) ${(p.predictedValue.pAlive * 100).toFixed(0)}%`
    : p.predictedValue.note;
  const channels = Object.entries(p.interactions.byChannel).sort((x, y) => y[1] - x[1]).map(([c, n]) => `${c} ${n}`).join(", ");
  return [
    `Profile: ${head} — lifecycle: ${p.lifecycle}`,
    `Firmographics: ${a.sector}, ${a.employees ?? "?"} employees, revenue ${a.revenueMusd ?? "?"} M USD, ${a.region}${a.country ? ` (${a.country})` : ""}; owner ${a.ownerName ?? "none"}`,
    `Interactions: ${p.interactions.total} (${channels || "none"}); last ${p.interactions.lastAt?.slice(0, 10) ?? "never"}`,
    `Deals: ${p.deals.open} open (${money(p.deals.openValue)}), ${p.deals.won} won (${money(p.deals.wonValue)}), ${p.deals.lost} lost`,
    `Segment: ${p.segment ? `${p.segment.label}, ${(p.segment.migrationProbability * 100).toFixed(0)}% migration risk towards ${p.segment.likelyDestination}` : "not segmented yet"}`,
    `Predicted value: ${value}`,
    `Churn risk: ${p.churnRisk.level} (${p.churnRisk.score}) — ${p.churnRisk.reasons.join("; ")}`,
    `Stakeholders: ${p.stakeholders.map((s) => `${s.name} (${s.title ?? s.seniority ?? "?"}, ${s.touches} touches)`).join("; ") || "none on file"}`,
    "Next best actions:",
    ...p.nextBestActions.map((x) => `- ${formatAction(x)}`),
  ].join("\n");
}
