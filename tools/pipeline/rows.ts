import { isOpenStage, type DealStage, type PipelineDeal, type StageSpan } from "./types.js";

/**
 * CRM rows as the database, a CSV import plan or the demo generator hold them (the column names of
 * migrations/001_core.sql). Timestamps may be Date objects or ISO strings.
 */
type Time = string | Date;

export interface CrmRows {
  reps: readonly { id: string; name: string; manager_id: string | null; region: string }[];
  products: readonly { id: string; name: string; list_price: number | string | null }[];
  accounts: readonly {
    id: string;
    name: string;
    sector: string;
    region: string;
    employees: number | null;
    revenue_musd: number | string | null;
  }[];
  deals: readonly {
    id: string;
    name: string;
    account_id: string;
    owner_rep_id: string;
    product_id: string;
    lead_id?: string | null;
    stage: string;
    amount: number | string;
    close_value: number | string | null;
    engaged_at: Time;
    stage_entered_at: Time;
    expected_close_date: Time | null;
    closed_at: Time | null;
    next_step?: string | null;
  }[];
  deal_stage_history: readonly { deal_id: string; stage: string; entered_at: Time; exited_at: Time | null }[];
  activities: readonly { deal_id: string | null; occurred_at: Time }[];
}

export function toMs(value: Time): number {
  return value instanceof Date ? value.getTime() : Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}

function num(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** A deal stored without stage history gets the one it implies: an open span, then the outcome. */
function impliedHistory(stage: DealStage, engagedAt: number, stageEnteredAt: number, closedAt: number | null): StageSpan[] {
  if (isOpenStage(stage)) return [{ stage, enteredAt: stageEnteredAt, exitedAt: null }];
  const end = closedAt ?? stageEnteredAt;
  return [
    { stage: "qualification", enteredAt: engagedAt, exitedAt: end },
    { stage, enteredAt: end, exitedAt: null },
  ];
}

export function assembleDeals(rows: CrmRows): PipelineDeal[] {
  const reps = new Map(rows.reps.map((r) => [r.id, r]));
  const products = new Map(rows.products.map((p) => [p.id, p]));
  const accounts = new Map(rows.accounts.map((a) => [a.id, a]));
  const history = groupBy(rows.deal_stage_history, (h) => h.deal_id);
  const activities = groupBy(rows.activities, (a) => a.deal_id);
  const deals: PipelineDeal[] = [];
  for (const d of rows.deals) {
    const account = accounts.get(d.account_id);
    const rep = reps.get(d.owner_rep_id);
    const product = products.get(d.product_id);
    if (!account || !rep || !product) continue;
    const manager = rep.manager_id ? (reps.get(rep.manager_id)?.name ?? null) : null;
    const stage = d.stage as DealStage;
    const engagedAt = toMs(d.engaged_at);
    const stageEnteredAt = toMs(d.stage_entered_at);
    const closedAt = d.closed_at === null ? null : toMs(d.closed_at);
    const spans = (history.get(d.id) ?? [])
      .map((h) => ({ stage: h.stage as DealStage, enteredAt: toMs(h.entered_at), exitedAt: h.exited_at === null ? null : toMs(h.exited_at) }))
      .sort((a, b) => a.enteredAt - b.enteredAt);
    deals.push({
      id: d.id,
      name: d.name,
      accountId: account.id,
      account: account.name,
      sector: account.sector,
      accountRegion: account.region,
      employees: num(account.employees),
      revenue: num(account.revenue_musd),
      product: product.name,
      listPrice: num(product.list_price),
      repId: rep.id,
      rep: rep.name,
      manager,
      region: rep.region,
      stage,
      amount: num(d.amount) ?? 0,
      closeValue: num(d.close_value),
      engagedAt,
      stageEnteredAt,
      expectedCloseAt: d.expected_close_date === null ? null : toMs(d.expected_close_date),
      closedAt,
      fromLead: Boolean(d.lead_id),
      nextStep: d.next_step ?? null,
      history: spans.length > 0 ? spans : impliedHistory(stage, engagedAt, stageEnteredAt, closedAt),
      activities: (activities.get(d.id) ?? []).map((a) => toMs(a.occurred_at)).sort((a, b) => a - b),
    });
  }
  return deals;
}
