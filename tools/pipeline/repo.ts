import type pg from "pg";
import { assembleDeals, type CrmRows } from "./rows.js";
import { DAY_MS, type PipelineDeal } from "./types.js";

/** Reads the CRM tables the pipeline needs, in one consistent shape. */
export async function loadCrmRows(pool: pg.Pool): Promise<CrmRows> {
  const [reps, products, accounts, deals, history, activities] = await Promise.all([
    pool.query("select id, name, manager_id, region from reps"),
    pool.query("select id, name, list_price from products"),
    pool.query("select id, name, sector, region, employees, revenue_musd from accounts"),
    // date columns as text: the pg driver would read them at local midnight
    pool.query(`select id, name, account_id, owner_rep_id, product_id, lead_id, stage, amount, close_value, engaged_at,
                       stage_entered_at, expected_close_date::text as expected_close_date, closed_at, next_step
                  from deals order by id`),
    pool.query("select deal_id, stage, entered_at, exited_at from deal_stage_history order by deal_id, entered_at"),
    pool.query("select deal_id, occurred_at from activities where deal_id is not null"),
  ]);
  return {
    reps: reps.rows,
    products: products.rows,
    accounts: accounts.rows,
    deals: deals.rows,
    deal_stage_history: history.rows,
    activities: activities.rows,
  };
}

export async function loadPipelineDeals(pool: pg.Pool): Promise<PipelineDeal[]> {
  return assembleDeals(await loadCrmRows(pool));
}

/** The latest moment the CRM records anything. */
export function latestEvent(deals: readonly PipelineDeal[]): number {
  let latest = -Infinity;
  for (const d of deals) {
    latest = Math.max(latest, d.engagedAt, d.stageEnteredAt, d.closedAt ?? -Infinity, d.activities[d.activities.length - 1] ?? -Infinity);
  }
  return latest;
}

/** Beyond this gap between the clock and the newest record, the CRM is a snapshot (an imported export). */
export const SNAPSHOT_GAP_DAYS = 14;

/**
 * The moment analyses are "as of": now for a live CRM; the newest record for a snapshot, or a 2017 export
 * would show every open deal as nine years idle.
 */
export function effectiveAsOf(deals: readonly PipelineDeal[], now: number): { asOf: number; snapshot: boolean } {
  return asOfFor(latestEvent(deals), now);
}

export function asOfFor(latest: number, now: number): { asOf: number; snapshot: boolean } {
  if (Number.isFinite(latest) && latest < now - SNAPSHOT_GAP_DAYS * DAY_MS) return { asOf: latest, snapshot: true };
  return { asOf: now, snapshot: false };
}
