import { ALL, smoothedRate, type OutcomeHistory } from "./outcome-history.js";
import { countActivities, lastActivityBefore, type DealSnapshot } from "./snapshots.js";
import { DAY_MS } from "./types.js";

/** The close-probability model's inputs: categorical columns one-hot encoded, numeric ones standardised. */

export const CATEGORICAL = ["stage", "product", "sector", "account_region", "region"] as const;
export type CategoricalName = (typeof CATEGORICAL)[number];

export const NUMERIC = [
  "log_amount",
  "price_ratio",
  "log_employees",
  "log_revenue",
  "log_age",
  "log_days_in_stage",
  "cycle_ratio",
  "activity_rate",
  "recent_activities",
  "log_days_since_activity",
  "rep_win_rate",
  "rep_experience",
  "account_win_rate",
  "account_deals",
  "from_lead",
  "quarter_progress",
] as const;
export type NumericName = (typeof NUMERIC)[number];

export interface RawFeatures {
  categorical: Record<CategoricalName, string>;
  /** NaN where unknown (imputed with the training mean). */
  numeric: Record<NumericName, number>;
}

export interface FeatureSpec {
  levels: Record<CategoricalName, string[]>;
  means: number[];
  sds: number[];
  /** Median days from engagement to a won close, by product: how slow a deal is for what it sells. */
  cycleDays: Record<string, number>;
  defaultCycleDays: number;
}

/** Levels seen fewer times than this in training share the all-zero encoding. */
const MIN_LEVEL_COUNT = 5;
const RECENT_DAYS = 14;

function logOrNaN(value: number | null): number {
  return value === null || !(value >= 0) ? NaN : Math.log1p(value);
}

/** Share of the calendar quarter elapsed: deals are pushed to close as a quarter ends. */
export function quarterProgress(at: number): number {
  const date = new Date(at);
  const startMonth = date.getUTCMonth() - (date.getUTCMonth() % 3);
  const start = Date.UTC(date.getUTCFullYear(), startMonth, 1);
  const end = Date.UTC(date.getUTCFullYear(), startMonth + 3, 1);
  return (at - start) / (end - start);
}

export function rawFeatures(s: DealSnapshot, history: OutcomeHistory, cycle: Pick<FeatureSpec, "cycleDays" | "defaultCycleDays">): RawFeatures {
  const d = s.deal;
  const ageDays = Math.max(0, (s.at - d.engagedAt) / DAY_MS);
  const inStageDays = Math.max(0, (s.at - s.stageEnteredAt) / DAY_MS);
  const done = countActivities(d.activities, d.engagedAt - DAY_MS, s.at);
  const last = lastActivityBefore(d.activities, s.at);
  const prior = history.before(ALL, s.at);
  const base = prior.closed > 0 ? prior.won / prior.closed : 0.5;
  const rep = history.before(`rep:${d.repId}`, s.at);
  const account = history.before(`account:${d.accountId}`, s.at);
  const productCycle = cycle.cycleDays[d.product] ?? cycle.defaultCycleDays;
  return {
    categorical: { stage: s.stage, product: d.product, sector: d.sector, account_region: d.accountRegion, region: d.region },
    numeric: {
      log_amount: Math.log1p(Math.max(0, d.amount)),
      price_ratio: d.listPrice && d.listPrice > 0 && d.amount > 0 ? Math.log(d.amount / d.listPrice) : NaN,
      log_employees: logOrNaN(d.employees),
      log_revenue: logOrNaN(d.revenue),
      log_age: Math.log1p(ageDays),
      log_days_in_stage: Math.log1p(inStageDays),
      cycle_ratio: Math.log((ageDays + 1) / (productCycle + 1)),
      activity_rate: Math.log1p(done / Math.max(1, ageDays / 7)),
      recent_activities: Math.log1p(countActivities(d.activities, s.at - RECENT_DAYS * DAY_MS, s.at)),
      log_days_since_activity: Math.log1p(last === null ? ageDays : (s.at - last) / DAY_MS),
      rep_win_rate: smoothedRate(rep, base),
      rep_experience: Math.log1p(rep.closed),
      account_win_rate: smoothedRate(account, base),
      account_deals: Math.log1p(account.closed),
      from_lead: d.fromLead ? 1 : 0,
      quarter_progress: quarterProgress(s.at),
    },
  };
}

export function fitFeatureSpec(raws: readonly RawFeatures[], cycle: Pick<FeatureSpec, "cycleDays" | "defaultCycleDays">): FeatureSpec {
  const levels = {} as Record<CategoricalName, string[]>;
  for (const name of CATEGORICAL) {
    const counts = new Map<string, number>();
    for (const r of raws) counts.set(r.categorical[name], (counts.get(r.categorical[name]) ?? 0) + 1);
    levels[name] = [...counts].filter(([, n]) => n >= MIN_LEVEL_COUNT).map(([level]) => level).sort();
  }
  const means: number[] = [];
  const sds: number[] = [];
  for (const name of NUMERIC) {
    const values = raws.map((r) => r.numeric[name]).filter((v) => Number.isFinite(v));
    const m = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
    const variance = values.length > 1 ? values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1) : 0;
    means.push(m);
    sds.push(Math.sqrt(variance));
  }
  return { levels, means, sds, cycleDays: cycle.cycleDays, defaultCycleDays: cycle.defaultCycleDays };
}

export function featureNames(spec: FeatureSpec): string[] {
  return [...NUMERIC, ...CATEGORICAL.flatMap((name) => spec.levels[name].map((level) => `${name}=${level}`))];
}

export function encode(spec: FeatureSpec, raw: RawFeatures): number[] {
  const x: number[] = NUMERIC.map((name, j) => {
    const v = raw.numeric[name];
    // a constant column (no activities in an export, say) carries nothing: encode it as 0
    return Number.isFinite(v) && spec.sds[j]! > 1e-12 ? (v - spec.means[j]!) / spec.sds[j]! : 0;
  });
  for (const name of CATEGORICAL) for (const level of spec.levels[name]) x.push(raw.categorical[name] === level ? 1 : 0);
  return x;
}
