import type { AccountSegmentView, Segmentation } from "./build.js";
import { PERIOD_DAYS } from "./migration.js";
import type { SegmentProfile, Share } from "./profiles.js";
import type { SegmentsOverview } from "./service.js";

/** Plain-text renderings for the CLI and the assistant's local answers. */
const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;
const pct = (p: number) => `${Math.round(p * 100)}%`;
const shares = (xs: readonly Share[]) => xs.map((s) => `${s.name} ${pct(s.share)}`).join(", ");

export function formatProfile(p: SegmentProfile, detail = true): string {
  const lines = [
    `${p.label} — ${p.size} accounts (${pct(p.share)}); average won deal ${money(p.averageDealValue)}, lifetime value ${money(p.averageLifetimeValue)} per account, win rate ${pct(p.winRate)}.`,
    `  ${p.behaviour}`,
  ];
  if (detail) {
    lines.push(`  Sectors: ${shares(p.dominantSectors)}. Regions: ${shares(p.dominantRegions)}. Channels: ${shares(p.preferredChannels) || "none logged"}.`);
  }
  lines.push(`  Messaging: ${p.messaging}`);
  return lines.join("\n");
}

export function formatOverview(o: Pick<SegmentsOverview, "runId" | "asOf" | "k" | "silhouette" | "silhouettes" | "migrationAuc" | "profiles">, detail = true): string {
  const tried = o.silhouettes.length > 1 ? ` (silhouette by k: ${o.silhouettes.map((s) => `${s.k}: ${s.silhouette.toFixed(3)}`).join(", ")})` : "";
  return [
    `${o.k} segments as of ${o.asOf.slice(0, 10)} (run ${o.runId}); mean silhouette ${o.silhouette.toFixed(3)}${tried}.`,
    ...o.profiles.map((p) => formatProfile(p, detail)),
    `Migration risk model: hold-out AUC ${o.migrationAuc === null ? "n/a" : o.migrationAuc.toFixed(2)} on the latest ${PERIOD_DAYS}-day period.`,
  ].join("\n");
}

export function overviewOf(seg: Segmentation): Parameters<typeof formatOverview>[0] {
  return { runId: seg.model.runId, asOf: seg.model.asOf, k: seg.model.k, silhouette: seg.model.silhouette, silhouettes: seg.model.silhouettes, migrationAuc: seg.model.migration.holdoutAuc, profiles: seg.profiles };
}

export function formatAccountView(v: AccountSegmentView): string {
  const m = v.migration;
  const toward = m.direction === "up" ? "an upward move" : m.direction === "down" ? "a downward move" : "a move";
  return [
    `${v.account} is in ${v.segment.label} (distance to the segment centre ${v.distance.toFixed(2)}).`,
    `Migration risk: ${pct(m.probability)} that it sits in another segment in ${m.periodDays} days; most likely ${m.likelyDestination.label} (${toward}).`,
    m.reasons.length ? `Why: ${m.reasons.join("; ")}.` : "Why: nothing stands out; its position and trend are typical of accounts that stay.",
    `Retention actions: ${m.retentionActions.join("; ")}.`,
  ].join("\n");
}

/** The churn list: most likely first, each with where it is heading, why, and the first retention action. */
export function formatAtRisk(accounts: readonly AccountSegmentView[], asOf: string | null): string {
  const days = accounts[0]?.migration.periodDays;
  return [
    `Accounts most at risk of leaving their segment in the next ${days} days${asOf ? ` (as of ${asOf.slice(0, 10)})` : ""}:`,
    ...accounts.map((v, i) => {
      const m = v.migration;
      const why = m.reasons.length ? ` Why: ${m.reasons.join("; ")}.` : "";
      return `${i + 1}. ${v.account} — ${pct(m.probability)} likely to move from ${v.segment.label} to ${m.likelyDestination.label}.${why} Do: ${m.retentionActions[0] ?? "check in with the account owner"}.`;
    }),
  ].join("\n");
}
