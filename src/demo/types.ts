import type { DealStage, LeadSource, Seniority } from "./catalog.js";

/**
 * Row shapes of the demo CRM, one per table of migrations/001_core.sql, with the SQL column names.
 * Timestamps are ISO-8601 strings in UTC, `date` columns are `YYYY-MM-DD`; columns the database fills
 * itself (bigserial ids, model scores) are left out.
 */

export interface RepRow {
  id: string;
  name: string;
  email: string;
  role: "rep" | "manager";
  manager_id: string | null;
  region: string;
  timezone: string;
  quota: number;
  hired_at: string;
  created_at: string;
}

export interface ProductRow {
  id: string;
  name: string;
  series: string;
  list_price: number;
  billing: string;
  description: string;
}

export interface AccountRow {
  id: string;
  name: string;
  sector: string;
  employees: number;
  revenue_musd: number;
  region: string;
  country: string;
  year_established: number;
  /** Name of the parent account, as CRM exports carry it. */
  subsidiary_of: string | null;
  website: string;
  owner_rep_id: string;
  created_at: string;
}

export interface ContactRow {
  id: string;
  account_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  title: string;
  seniority: Seniority;
  timezone: string;
  created_at: string;
}

export type LeadStatus = "new" | "working" | "qualified" | "converted" | "disqualified";

export interface LeadRow {
  id: string;
  contact_id: string | null;
  account_id: string | null;
  owner_rep_id: string;
  status: LeadStatus;
  source: LeadSource;
  name: string;
  email: string;
  phone: string | null;
  company: string;
  job_role: string;
  industry: string;
  company_size: number;
  country: string;
  budget: string | null;
  authority: string | null;
  need: string | null;
  timeline: string | null;
  visits: number;
  page_views: number;
  minutes_on_site: number;
  email_opens: number;
  email_clicks: number;
  content_downloads: number;
  webinar_attended: boolean;
  demo_requested: boolean;
  last_activity_at: string;
  /** Null while the lead is still open (no outcome yet). */
  converted: boolean | null;
  converted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DealRow {
  id: string;
  name: string;
  account_id: string;
  contact_id: string | null;
  owner_rep_id: string;
  product_id: string;
  lead_id: string | null;
  stage: DealStage;
  amount: number;
  close_value: number | null;
  engaged_at: string;
  stage_entered_at: string;
  expected_close_date: string | null;
  closed_at: string | null;
  lost_reason: string | null;
  next_step: string | null;
  last_activity_at: string | null;
  created_at: string;
}

export interface DealStageHistoryRow {
  deal_id: string;
  stage: DealStage;
  entered_at: string;
  exited_at: string | null;
}

export type ActivityKind = "email" | "call" | "meeting" | "demo" | "note" | "chat" | "sms" | "webinar";

export interface ActivityRow {
  id: string;
  kind: ActivityKind;
  direction: "inbound" | "outbound" | null;
  account_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  deal_id: string | null;
  rep_id: string | null;
  subject: string;
  outcome: string | null;
  occurred_at: string;
}

export interface DemoData {
  reps: RepRow[];
  products: ProductRow[];
  accounts: AccountRow[];
  contacts: ContactRow[];
  leads: LeadRow[];
  deals: DealRow[];
  deal_stage_history: DealStageHistoryRow[];
  activities: ActivityRow[];
}

/** The tables in foreign-key order: each refers only to those before it. */
export const DEMO_TABLES = [
  "reps",
  "products",
  "accounts",
  "contacts",
  "leads",
  "deals",
  "deal_stage_history",
  "activities",
] as const satisfies readonly (keyof DemoData)[];
