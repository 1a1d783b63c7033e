import type { ForecastInterval } from "./forecast.js";
import { formatDriver } from "./explain.js";
import type { DealPrediction } from "./predict.js";
import type { GroupForecast, PipelineReview, ReviewScope } from "./review.js";

/** Plain-text renderings shared by the CLI and the assistant's local (no-LLM) answers. */

export function money(n: number): string {
  return `$${Math.round(n).toLocaleString("en-US")}`;
}

export function compactMoney(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `$${(n / 1e6).toFixed(a >= 1e7 ? 1 : 2)}M`;
  if (a >= 1e4) return `$${Math.round(n / 1e3)}k`;
  return money(n);
}

export const pct = (p: number) => `${Math.round(p * 100)}%`;

export function scopeLabel(scope: ReviewScope): string {
  const parts = [scope.region && `region ${scope.region}`, scope.manager && `${scope.manager}'s team`, scope.rep && `rep ${scope.rep}`].filter(Boolean);
  return parts.length ? parts.join(", ") : "whole team";
}

export function formatInterval(f: ForecastInterval): string {
  const won = f.closedWon > 0 ? ` (${compactMoney(f.closedWon)} already won)` : "";
  return `expected ${compactMoney(f.expected)}${won}, 80% interval ${compactMoney(f.low)}–${compactMoney(f.high)}`;
}

function groupLines(title: string, groups: readonly GroupForecast[], limit: number): string[] {
  if (groups.length <= 1) return [];
  const shown = groups.slice(0, limit).map((g) => `${g.key} ${compactMoney(g.expected)} (${compactMoney(g.low)}–${compactMoney(g.high)})`);
  return [`  by ${title}: ${shown.join("; ")}${groups.length > limit ? `; … ${groups.length - limit} more` : ""}`];
}

export function formatForecast(r: PipelineReview, groupLimit = 6): string[] {
  const f = r.forecast;
  return [
    `Forecast ${r.period.label} (${r.period.start} to ${r.period.end}, ${scopeLabel(r.scope)}): ${formatInterval(f.total)} from ${f.total.openDeals} open deals (${f.iterations.toLocaleString("en-US")} simulations, seed ${f.seed}).`,
    ...groupLines("region", f.byRegion, groupLimit),
    ...groupLines("manager", f.byManager, groupLimit),
    ...groupLines("rep", f.byRep, groupLimit),
  ];
}

export function formatReview(r: PipelineReview & { snapshot?: boolean }, options: { riskLimit?: number } = {}): string {
  const v = r.velocity;
  const stagesLine = r.stages.map((s) => `${s.stage} ${s.count} · ${compactMoney(s.amount)} (weighted ${compactMoney(s.weighted)})`).join(" | ");
  const perStage = Object.entries(v.daysPerStage).map(([s, d]) => `${s} ${d === null ? "–" : Math.round(d)}`).join(", ");
  const lines = [
    `Pipeline review — ${scopeLabel(r.scope)}, as of ${r.asOf.slice(0, 10)}${r.snapshot ? " (newest CRM record; the CRM looks like an export)" : ""}`,
    `Open pipeline: ${r.pipeline.count} deals, ${compactMoney(r.pipeline.total)} total, ${compactMoney(r.pipeline.weighted)} weighted by close probability.`,
    `By stage: ${stagesLine}`,
    `Velocity (${v.closedDeals} deals closed in the last ${v.windowDays} days): win rate ${pct(v.winRate)}, average won deal ${money(v.averageWonSize)}, cycle ${Math.round(v.cycleDays)} days; days per stage: ${perStage}.`,
    `Sales velocity: ${money(v.salesVelocityPerDay)}/day (= ${v.openDeals} open × ${pct(v.winRate)} × ${money(v.averageWonSize)} ÷ ${Math.round(v.cycleDays)} days).`,
    ...formatForecast(r),
    `At-risk deals: ${r.atRiskCount}${r.atRiskCount > r.atRisk.length ? ` (top ${r.atRisk.length} by value at stake)` : ""}`,
    ...r.atRisk.slice(0, options.riskLimit ?? r.atRisk.length).map((d) => `  • ${d.name} — ${d.stage}, ${money(d.amount)}, ${pct(d.probability)}, ${d.owner}: ${d.reasons.join("; ")}`),
  ];
  if (r.slipping.length) {
    lines.push(`Likely to slip past ${r.period.label}: ${r.slippingCount}${r.slippingCount > r.slipping.length ? ` (largest ${r.slipping.length})` : ""}`);
    for (const d of r.slipping) lines.push(`  • ${d.name} — ${money(d.amount)}, ${d.owner}: ${d.reasons.join("; ")}`);
  }
  const h = r.model.holdout;
  lines.push(`Model: trained ${r.model.trainedAt.slice(0, 10)}${h ? `, hold-out AUC ${h.auc.toFixed(2)}, Brier ${h.brier.toFixed(3)} (base rate ${h.baselineBrier.toFixed(3)})` : ""}.`);
  return lines.join("\n");
}

export function formatPrediction(p: DealPrediction & { probabilityInPeriod?: number }): string {
  const expected = p.expectedCloseDate ? ` (CRM expects ${p.expectedCloseDate})` : "";
  const inPeriod = p.probabilityInPeriod !== undefined ? `; ${pct(p.probabilityInPeriod)} to close won within the period` : "";
  const activity = p.daysSinceActivity === null ? "no logged activity" : `last activity ${p.daysSinceActivity} days ago`;
  return [
    `• ${p.name} (${p.account}) — ${p.stage}, ${money(p.amount)}, ${p.product}, owner ${p.owner}.`,
    `  Close probability ${pct(p.probability)}${inPeriod}; predicted close ${p.predictedCloseDate}${expected}; predicted size ${money(p.predictedSize)}.`,
    `  ${p.daysInStage} days in stage, opened ${p.ageDays} days ago, ${activity}.`,
    p.drivers.length ? `  Drivers: ${p.drivers.map(formatDriver).join(", ")}.` : "  Drivers: none stand out from an average deal.",
    p.risks.length ? `  Risks: ${p.risks.map((r) => r.reason).join("; ")}.` : "  Risks: none flagged.",
    `  Next best actions: ${p.nextBestActions.join("; ")}.`,
  ].join("\n");
}
