import { SEGMENT_FEATURES, type AccountVector, type SegmentFeature } from "./features.js";
import { archetypeOf } from "./labels.js";

/** What a segment is, in numbers and words: size, value, who is in it, how they engage, what to say. */
export interface Share {
  name: string;
  share: number;
}

export interface SegmentProfile {
  key: string;
  label: string;
  size: number;
  share: number;
  averageDealValue: number;
  averageLifetimeValue: number;
  winsPerAccountLastYear: number;
  winRate: number;
  medianDaysSinceWin: number | null;
  openPipelinePerAccount: number;
  activitiesPerAccount90d: number;
  dominantSectors: Share[];
  dominantRegions: Share[];
  preferredChannels: Share[];
  behaviour: string;
  messaging: string;
  /** Mean standardised features (0 = the average account). */
  z: Record<SegmentFeature, number>;
}

export function segmentKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function topShares(values: readonly string[], n = 3): Share[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([name, c]) => ({ name, share: Math.round((c / values.length) * 1000) / 1000 }));
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;
const pct = (p: number) => `${Math.round(p * 100)}%`;

/** One phrase per notable feature, relative to the average account (the segment sits above it when `high`). */
function phrase(f: SegmentFeature, high: boolean, p: Omit<SegmentProfile, "behaviour" | "messaging" | "z"> & { medianEmployees: number | null }): string | undefined {
  const more = high ? "more" : "less";
  switch (f) {
    case "recency":
      if (p.medianDaysSinceWin === null) return "no wins yet";
      return `${high ? "longer since their last win" : "won more recently"} than most (median ${Math.round(p.medianDaysSinceWin)} days since the last win)`;
    case "frequency":
      return `buy ${more} often than most (${p.winsPerAccountLastYear.toFixed(1)} wins per account in the last year)`;
    case "monetary":
      return `spent ${more} than most in the last year`;
    case "lifetime_value":
      return `${high ? "higher" : "lower"} lifetime value (${money(p.averageLifetimeValue)} per account)`;
    case "win_rate":
      return `win ${more} often than most (win rate ${pct(p.winRate)})`;
    case "open_pipeline":
      return `${high ? "more" : "less"} open pipeline than most (${money(p.openPipelinePerAccount)} per account)`;
    case "employees":
    case "revenue":
      return `${high ? "larger" : "smaller"} companies${p.medianEmployees !== null ? ` (median ${Math.round(p.medianEmployees).toLocaleString("en-US")} employees)` : ""}`;
    case "engagement":
      return `${more} engaged than most (${p.activitiesPerAccount90d.toFixed(1)} activities per account in 90 days)`;
  }
}

export interface ProfileInput {
  label: string;
  members: readonly AccountVector[];
  /** Activity kinds of the members over the last year (internal notes excluded by the caller). */
  channels: readonly string[];
  /** Won deal values of the members. */
  wonDealValues: readonly number[];
  zCentroid: readonly number[];
  totalAccounts: number;
}

export function buildProfile(input: ProfileInput): SegmentProfile {
  const { members } = input;
  const facts = members.map((m) => m.facts);
  const closed = facts.reduce((s, f) => s + f.closedDeals, 0);
  const base = {
    key: segmentKey(input.label),
    label: input.label,
    size: members.length,
    share: Math.round((members.length / input.totalAccounts) * 1000) / 1000,
    averageDealValue: Math.round(mean(input.wonDealValues)),
    averageLifetimeValue: Math.round(mean(facts.map((f) => f.lifetimeValue))),
    winsPerAccountLastYear: mean(facts.map((f) => f.winsLastYear)),
    winRate: closed ? facts.reduce((s, f) => s + f.wonDeals, 0) / closed : 0,
    medianDaysSinceWin: median(facts.filter((f) => f.daysSinceWin !== null).map((f) => f.daysSinceWin!)),
    openPipelinePerAccount: Math.round(mean(facts.map((f) => f.openPipeline))),
    activitiesPerAccount90d: mean(facts.map((f) => f.activities90d)),
    dominantSectors: topShares(members.map((m) => m.account.sector)),
    dominantRegions: topShares(members.map((m) => m.account.region)),
    preferredChannels: topShares(input.channels),
  };
  const medianEmployees = median(members.map((m) => m.account.employees).filter((e): e is number => e !== null));
  const notable = SEGMENT_FEATURES.map((f, j) => ({ f, v: input.zCentroid[j]! }))
    .filter(({ v }) => Math.abs(v) >= 0.4)
    .sort((a, b) => Math.abs(b.v) - Math.abs(a.v));
  const phrases: string[] = [];
  for (const { f, v } of notable) {
    if (f === "revenue" && notable.some((n) => n.f === "employees")) continue;
    const text = phrase(f, v > 0, { ...base, medianEmployees });
    if (text && !phrases.includes(text)) phrases.push(text);
    if (phrases.length === 3) break;
  }
  const behaviour = phrases.length ? `Compared with the average account: ${phrases.join("; ")}.` : "Close to the average account on every measure.";
  const channels = base.preferredChannels.slice(0, 2).map((c) => c.name);
  const reach = channels.length ? ` Reach them by ${channels.join(" and ")}, the channels they answer most.` : "";
  const archetype = archetypeOf(input.label);
  const messaging = `${archetype?.messaging ?? "Tailor the message to what sets them apart (see behaviour) and review this segment's results monthly."}${reach}`;
  const z = Object.fromEntries(SEGMENT_FEATURES.map((f, j) => [f, Math.round(input.zCentroid[j]! * 100) / 100])) as Record<SegmentFeature, number>;
  return { ...base, winsPerAccountLastYear: Math.round(base.winsPerAccountLastYear * 100) / 100, activitiesPerAccount90d: Math.round(base.activitiesPerAccount90d * 10) / 10, behaviour, messaging, z };
}
