import type pg from "pg";
import { systemClock, type Clock } from "../../src/core/clock.js";
import { BadInputError } from "../../src/core/errors.js";
import { createModelsRepo } from "../../src/infra/postgres/models-repo.js";
import type { CsvTable } from "./csv.js";
import { fitDealSizeModel, type DealSizeModel } from "./deal-size.js";
import type { LeadModelFile } from "./model-file.js";
import { trainLeadModel } from "./trainer.js";

/** Lead scoring on the CRM `leads` table: the features it reads, training, and the stored model. */

export const LEAD_MODEL_KIND = "lead-score";
export const CRM_TARGET = "converted";

/**
 * Columns a lead has before its outcome is known. Contact details and free-text needs are left out;
 * `days_since_activity` is measured at the decision for closed leads and at `now` for open ones.
 */
export const CRM_FEATURES = [
  "source", "job_role", "industry", "company_size", "country", "budget", "authority", "timeline",
  "visits", "page_views", "minutes_on_site", "email_opens", "email_clicks", "content_downloads",
  "webinar_attended", "demo_requested", "days_since_activity",
] as const;

export interface CrmLeadRow {
  id: string;
  name: string | null;
  email: string | null;
  company: string | null;
  status: string;
  owner: string | null;
  company_size: number | null;
  converted: boolean | null;
  features: Record<(typeof CRM_FEATURES)[number], string>;
}

const SELECT = `
  select l.id, l.name, l.email, l.company, l.status, r.name as owner, l.converted,
         l.source, l.job_role, l.industry, l.company_size, l.country, l.budget, l.authority, l.timeline,
         l.visits, l.page_views, l.minutes_on_site, l.email_opens, l.email_clicks, l.content_downloads,
         l.webinar_attended, l.demo_requested,
         round((extract(epoch from (case when l.converted is null then $1::timestamptz
                                         else coalesce(l.converted_at, l.updated_at) end) - l.last_activity_at) / 86400)::numeric, 1)
           as days_since_activity
    from leads l
    left join reps r on r.id = l.owner_rep_id`;

function cellOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  return value instanceof Date ? value.toISOString() : String(value);
}

function toRow(r: Record<string, unknown>): CrmLeadRow {
  const features = Object.fromEntries(CRM_FEATURES.map((c) => [c, cellOf(r[c])])) as CrmLeadRow["features"];
  return {
    id: String(r.id),
    name: (r.name as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    company: (r.company as string | null) ?? null,
    status: String(r.status),
    owner: (r.owner as string | null) ?? null,
    company_size: r.company_size === null || r.company_size === undefined ? null : Number(r.company_size),
    converted: (r.converted as boolean | null) ?? null,
    features,
  };
}

/** Leads matching a filter (SQL on alias `l`, parameters from $2). */
export async function loadCrmLeads(pool: pg.Pool, now: Date, where = "true", params: unknown[] = [], tail = ""): Promise<CrmLeadRow[]> {
  const { rows } = await pool.query(`${SELECT} where ${where} ${tail}`, [now, ...params]);
  return rows.map(toRow);
}

export function crmTable(rows: readonly CrmLeadRow[]): CsvTable {
  return {
    header: [...CRM_FEATURES, CRM_TARGET],
    rows: rows.map((r) => [...CRM_FEATURES.map((c) => r.features[c]), cellOf(r.converted)]),
    separator: ",",
  };
}

export interface TrainedCrmModel {
  id: string;
  model: LeadModelFile;
  trainingMs: number;
}

/**
 * Trains on every lead with a known outcome and stores the model as the active `lead-score` model, so the
 * assistant can rank and explain open leads.
 */
export async function trainDemoLeadModel(pool: pg.Pool, options: { clock?: Clock; seed?: number } = {}): Promise<TrainedCrmModel> {
  const now = (options.clock ?? systemClock).now();
  const labelled = await loadCrmLeads(pool, now, "l.converted is not null", [], "order by l.id");
  if (labelled.length === 0) throw new BadInputError("no leads with a known outcome to train on (run `salesgraph seed` first)");
  const { model, trainingMs } = trainLeadModel(crmTable(labelled), { target: CRM_TARGET, positive: "true", trainedAt: now, seed: options.seed });
  const id = `${LEAD_MODEL_KIND}-${now.toISOString()}`;
  await createModelsRepo(pool).save({ id, kind: LEAD_MODEL_KIND, name: "Lead conversion (CRM leads)", artefact: model, metrics: model.metrics.holdout });
  return { id, model, trainingMs };
}

/** Median won-deal amount by account size, from the CRM; undefined when nothing was won yet. */
export async function loadDealSizeModel(pool: pg.Pool): Promise<DealSizeModel | undefined> {
  const { rows } = await pool.query<{ employees: number | null; amount: string }>(
    `select a.employees, coalesce(d.close_value, d.amount) as amount
       from deals d join accounts a on a.id = d.account_id
      where d.stage = 'won'`,
  );
  return fitDealSizeModel(rows.map((r) => ({ employees: r.employees, amount: Number(r.amount) })));
}
