import { DAY_MS, type SegmentAccount, type SegmentationData } from "./types.js";

/**
 * Account features as of a moment, from dated deals and activities only: RFM (recency, frequency and
 * monetary value of wins), lifetime value, win rate, open pipeline, firmographics and engagement.
 * Counts and amounts are log-scaled so a few giants do not make every other account look alike.
 */
export const SEGMENT_FEATURES = [
  "recency",
  "frequency",
  "monetary",
  "lifetime_value",
  "win_rate",
  "open_pipeline",
  "employees",
  "revenue",
  "engagement",
] as const;
export type SegmentFeature = (typeof SEGMENT_FEATURES)[number];

/** Raw (untransformed) facts behind the features, for profiles people read. */
export interface AccountFacts {
  daysSinceWin: number | null;
  winsLastYear: number;
  wonLastYear: number;
  lifetimeValue: number;
  wonDeals: number;
  closedDeals: number;
  openPipeline: number;
  activities90d: number;
}

export interface AccountVector {
  account: SegmentAccount;
  x: number[];
  facts: AccountFacts;
}

const YEAR_DAYS = 365;
const RECENCY_CAP_DAYS = 2 * YEAR_DAYS;

function groupBy<T extends { accountId: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.accountId);
    if (list) list.push(r);
    else m.set(r.accountId, [r]);
  }
  return m;
}

export interface FeatureIndex {
  deals: Map<string, SegmentationData["deals"]>;
  activities: Map<string, SegmentationData["activities"]>;
}

export function indexData(data: SegmentationData): FeatureIndex {
  return { deals: groupBy(data.deals), activities: groupBy(data.activities) };
}

/** Whether the account existed (was created or had any deal) by `at`. */
export function existsAt(account: SegmentAccount, index: FeatureIndex, at: number): boolean {
  return account.createdAt <= at || (index.deals.get(account.id) ?? []).some((d) => d.engagedAt <= at);
}

export function accountVector(account: SegmentAccount, index: FeatureIndex, at: number): AccountVector {
  const deals = index.deals.get(account.id) ?? [];
  const activities = index.activities.get(account.id) ?? [];
  const yearAgo = at - YEAR_DAYS * DAY_MS;
  let lastWin: number | null = null;
  let winsLastYear = 0;
  let wonLastYear = 0;
  let lifetimeValue = 0;
  let wonDeals = 0;
  let closedDeals = 0;
  let openPipeline = 0;
  for (const d of deals) {
    if (d.engagedAt > at) continue;
    const closed = d.closedAt !== null && d.closedAt <= at && (d.stage === "won" || d.stage === "lost");
    if (!closed) {
      openPipeline += d.amount;
      continue;
    }
    closedDeals++;
    if (d.stage !== "won") continue;
    const value = d.closeValue ?? d.amount;
    wonDeals++;
    lifetimeValue += value;
    lastWin = Math.max(lastWin ?? -Infinity, d.closedAt!);
    if (d.closedAt! > yearAgo) {
      winsLastYear++;
      wonLastYear += value;
    }
  }
  let activities90d = 0;
  for (const a of activities) {
    if (a.occurredAt > at) continue;
    if (a.occurredAt > at - 90 * DAY_MS) activities90d++;
  }
  const daysSinceWin = lastWin === null ? null : (at - lastWin) / DAY_MS;
  const x = [
    Math.log1p(Math.min(RECENCY_CAP_DAYS, daysSinceWin ?? RECENCY_CAP_DAYS)),
    Math.log1p(winsLastYear),
    Math.log1p(wonLastYear),
    Math.log1p(lifetimeValue),
    (wonDeals + 1) / (closedDeals + 2),
    Math.log1p(openPipeline),
    Math.log1p(account.employees ?? 0),
    Math.log1p(account.revenue ?? 0),
    Math.log1p(activities90d),
  ];
  return { account, x, facts: { daysSinceWin, winsLastYear, wonLastYear, lifetimeValue, wonDeals, closedDeals, openPipeline, activities90d } };
}

export interface Scaler {
  means: number[];
  sds: number[];
}

export function fitScaler(rows: readonly (readonly number[])[]): Scaler {
  const p = rows[0]?.length ?? 0;
  const means = Array.from({ length: p }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / Math.max(1, rows.length));
  const sds = means.map((m, j) => {
    const v = rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / Math.max(1, rows.length - 1);
    return Math.sqrt(v);
  });
  return { means, sds };
}

export function standardize(scaler: Scaler, x: readonly number[]): number[] {
  return x.map((v, j) => (scaler.sds[j]! > 1e-12 ? (v - scaler.means[j]!) / scaler.sds[j]! : 0));
}
