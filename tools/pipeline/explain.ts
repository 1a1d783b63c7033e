import type { Contribution } from "./close-model.js";

/** Model factors in words a rep reads: "activity per week (+0.42)". */
const LABELS: Record<string, string> = {
  log_amount: "deal amount",
  price_ratio: "price against list",
  log_employees: "account size",
  log_revenue: "account revenue",
  log_age: "deal age",
  log_days_in_stage: "time in stage",
  cycle_ratio: "age against the product's usual cycle",
  activity_rate: "activity per week",
  recent_activities: "activity in the last 14 days",
  log_days_since_activity: "days since the last activity",
  rep_win_rate: "owner's win record",
  rep_experience: "owner's closed deals",
  account_win_rate: "account's win record",
  account_deals: "account's earlier deals",
  from_lead: "came from a lead",
  quarter_progress: "point in the quarter",
};

const PREFIXES: Record<string, string> = {
  stage: "stage",
  product: "product",
  sector: "sector",
  account_region: "account region",
  region: "team region",
};

export function factorLabel(feature: string): string {
  const eq = feature.indexOf("=");
  if (eq > 0) return `${PREFIXES[feature.slice(0, eq)] ?? feature.slice(0, eq)} ${feature.slice(eq + 1)}`;
  return LABELS[feature] ?? feature;
}

export interface Driver {
  factor: string;
  feature: string;
  /** Change in log-odds against an average deal. */
  effect: number;
}

export function topDrivers(contributions: readonly Contribution[], n = 3): Driver[] {
  return contributions
    .filter((c) => Math.abs(c.effect) >= 0.05)
    .slice(0, n)
    .map((c) => ({ factor: factorLabel(c.feature), feature: c.feature, effect: Math.round(c.effect * 100) / 100 }));
}

export function formatDriver(d: Driver): string {
  return `${d.factor} (${d.effect >= 0 ? "+" : ""}${d.effect.toFixed(2)})`;
}
