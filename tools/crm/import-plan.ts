import { BadInputError } from "../../src/core/errors.js";
import type { CrmExport } from "./import-csv.js";
import { regionOfCountry } from "./import-regions.js";

/**
 * What an export becomes in our CRM tables, before touching the database. Ids are derived from names, so
 * importing the same export twice plans the same rows; entities already in the CRM are matched by name
 * when the plan is applied.
 */

export interface PlannedRep {
  id: string;
  name: string;
  email: string;
  role: "rep" | "manager";
  manager_id: string | null;
  region: string;
}
export interface PlannedProduct {
  id: string;
  name: string;
  series: string;
  list_price: number;
}
export interface PlannedAccount {
  id: string;
  name: string;
  sector: string;
  employees: number | null;
  revenue_musd: number | null;
  region: string;
  country: string | null;
  year_established: number | null;
  subsidiary_of: string | null;
}
export interface PlannedDeal {
  id: string;
  name: string;
  account_id: string;
  owner_rep_id: string;
  product_id: string;
  stage: "prospecting" | "qualification" | "proposal" | "negotiation" | "won" | "lost";
  amount: number;
  close_value: number | null;
  engaged_at: string;
  stage_entered_at: string;
  expected_close_date: string | null;
  closed_at: string | null;
  /** Names the ids stand for, resolved against the CRM when applied. */
  refs: { account: string; rep: string; product: string };
}
export interface PlannedSpan {
  deal_id: string;
  stage: string;
  entered_at: string;
  exited_at: string | null;
}

export interface ImportPlan {
  reps: PlannedRep[];
  products: PlannedProduct[];
  accounts: PlannedAccount[];
  deals: PlannedDeal[];
  deal_stage_history: PlannedSpan[];
  /** Deals left out (no account, as open Maven prospects have, with `skipOrphans`) with the count per reason. */
  skipped: Record<string, number>;
  /** Deals without an account imported under a placeholder account (unless `skipOrphans`). */
  placeholder: { account: string; deals: number } | null;
  /** The date open deals without an engage date are dated by: the export's newest date, else `now`. */
  undatedAt: string;
}

/** Names already in the CRM, which deals may refer to without the export repeating them. */
export interface KnownEntities {
  reps: readonly string[];
  products: readonly { name: string; list_price: number }[];
  accounts: readonly string[];
}

const STAGES: Record<string, PlannedDeal["stage"]> = {
  won: "won",
  "closed won": "won",
  lost: "lost",
  "closed lost": "lost",
  engaging: "qualification",
  prospecting: "prospecting",
  qualification: "qualification",
  proposal: "proposal",
  negotiation: "negotiation",
};

export function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** Product names compare without case, spaces or punctuation: Maven's pipeline says "GTXPro" for "GTX Pro". */
export function productKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

const nameKey = (name: string) => name.trim().toLowerCase();
const isoDay = (ms: number) => new Date(ms).toISOString();
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function planTeams(data: CrmExport): PlannedRep[] {
  const reps = new Map<string, PlannedRep>();
  for (const t of data.teams) {
    if (t.manager && !reps.has(nameKey(t.manager))) {
      reps.set(nameKey(t.manager), repRow(t.manager, "manager", null, t.regional_office));
    }
  }
  for (const t of data.teams) {
    const managerId = t.manager ? reps.get(nameKey(t.manager))!.id : null;
    reps.set(nameKey(t.sales_agent), repRow(t.sales_agent, "rep", managerId, t.regional_office));
  }
  return [...reps.values()];
}

function repRow(name: string, role: PlannedRep["role"], managerId: string | null, region: string): PlannedRep {
  const s = slug(name);
  return { id: `rep_${s}`, name, email: `${s.replace(/_/g, ".")}@crm-import.invalid`, role, manager_id: managerId, region };
}

/** The account deals without one are filed under, so they stay in the pipeline (`--skip-orphans` leaves them out). */
export const UNKNOWN_ACCOUNT = "(unknown account)";

/** The newest engage or close date in the deals: imported data is dated by itself, not by today. */
export function newestDealDate(deals: CrmExport["deals"]): number | undefined {
  let newest: number | undefined;
  for (const d of deals) {
    for (const t of [d.engage_date, d.close_date]) if (t !== null && t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}

export function planCrmImport(data: CrmExport, options: { now: number; known?: KnownEntities; skipOrphans?: boolean }): ImportPlan {
  const undatedAt = newestDealDate(data.deals) ?? options.now;
  const known = options.known ?? { reps: [], products: [], accounts: [] };
  const dealsFile = data.files.deals ?? "deals file";
  const reps = planTeams(data);
  const products: PlannedProduct[] = data.products.map((p) => ({
    id: `prod_${slug(p.product)}`,
    name: p.product,
    series: p.series ?? "",
    list_price: p.sales_price ?? 0,
  }));
  const accounts: PlannedAccount[] = data.accounts.map((a) => ({
    id: `acc_${slug(a.account)}`,
    name: a.account,
    sector: a.sector ?? "unknown",
    employees: a.employees === null ? null : Math.round(a.employees),
    revenue_musd: a.revenue,
    region: a.region ?? regionOfCountry(a.office_location),
    country: a.office_location,
    year_established: a.year_established === null ? null : Math.round(a.year_established),
    subsidiary_of: a.subsidiary_of,
  }));

  const repNames = new Set([...reps.map((r) => nameKey(r.name)), ...known.reps.map(nameKey)]);
  const accountNames = new Set([...accounts.map((a) => nameKey(a.name)), ...known.accounts.map(nameKey)]);
  const productByKey = new Map<string, { name: string; list_price: number }>();
  for (const p of known.products) productByKey.set(productKey(p.name), p);
  for (const p of products) productByKey.set(productKey(p.name), p);

  const deals: PlannedDeal[] = [];
  const history: PlannedSpan[] = [];
  const skipped: Record<string, number> = {};
  const seen = new Set<string>();
  let orphans = 0;
  for (const [i, d] of data.deals.entries()) {
    const where = `${dealsFile} line ${i + 2}`;
    if (seen.has(d.opportunity_id)) throw new BadInputError(`${where}: column opportunity_id repeats ${d.opportunity_id}`);
    seen.add(d.opportunity_id);
    if (!d.account) {
      if (options.skipOrphans) {
        skipped["no account"] = (skipped["no account"] ?? 0) + 1;
        continue;
      }
      orphans++;
    }
    const accountName = d.account || UNKNOWN_ACCOUNT;
    const stage = STAGES[d.deal_stage.toLowerCase()];
    if (!stage) throw new BadInputError(`${where}: column deal_stage has unknown stage "${d.deal_stage}" (expected Won, Lost, Engaging or Prospecting)`);
    if (!repNames.has(nameKey(d.sales_agent))) throw new BadInputError(`${where}: column sales_agent "${d.sales_agent}" is in no sales team`);
    if (d.account && !accountNames.has(nameKey(d.account))) throw new BadInputError(`${where}: column account "${d.account}" is not among the accounts`);
    const product = productByKey.get(productKey(d.product));
    if (!product) throw new BadInputError(`${where}: column product "${d.product}" is not among the products`);
    const closed = stage === "won" || stage === "lost";
    if (closed && d.close_date === null) throw new BadInputError(`${where}: column close_date is empty for a ${d.deal_stage} deal`);
    const engaged = d.engage_date ?? (closed ? d.close_date! : undatedAt);
    if (closed && d.close_date! < engaged) throw new BadInputError(`${where}: column close_date is before engage_date`);
    // The list price, not the close value, sizes a deal: lost deals export a close value of 0, so using it would give the outcome away.
    const amount = d.amount ?? (product.list_price > 0 ? product.list_price : (d.close_value ?? 0));
    const id = d.opportunity_id;
    deals.push({
      id,
      name: `${accountName} – ${product.name}`,
      account_id: `acc_${slug(accountName)}`,
      owner_rep_id: `rep_${slug(d.sales_agent)}`,
      product_id: `prod_${slug(product.name)}`,
      stage,
      amount,
      close_value: stage === "won" ? (d.close_value ?? amount) : null,
      engaged_at: isoDay(engaged),
      stage_entered_at: isoDay(closed ? d.close_date! : engaged),
      expected_close_date: !closed && d.close_date !== null ? dateOnly(d.close_date) : null,
      closed_at: closed ? isoDay(d.close_date!) : null,
      refs: { account: accountName, rep: d.sales_agent, product: product.name },
    });
    if (closed) {
      history.push({ deal_id: id, stage: "qualification", entered_at: isoDay(engaged), exited_at: isoDay(d.close_date!) });
      history.push({ deal_id: id, stage, entered_at: isoDay(d.close_date!), exited_at: null });
    } else {
      history.push({ deal_id: id, stage, entered_at: isoDay(engaged), exited_at: null });
    }
  }
  if (orphans > 0 && !accountNames.has(nameKey(UNKNOWN_ACCOUNT))) {
    accounts.push({
      id: `acc_${slug(UNKNOWN_ACCOUNT)}`,
      name: UNKNOWN_ACCOUNT,
      sector: "unknown",
      employees: null,
      revenue_musd: null,
      region: "unknown",
      country: null,
      year_established: null,
      subsidiary_of: null,
    });
  }
  const placeholder = orphans > 0 ? { account: UNKNOWN_ACCOUNT, deals: orphans } : null;
  return { reps, products, accounts, deals, deal_stage_history: history, skipped, placeholder, undatedAt: isoDay(undatedAt) };
}
