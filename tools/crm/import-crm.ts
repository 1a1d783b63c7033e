import type pg from "pg";
import { withTransaction } from "../../src/infra/postgres/pool.js";
import { planCrmImport, productKey, type ImportPlan, type KnownEntities } from "./import-plan.js";
import type { CrmExport } from "./import-csv.js";

/**
 * Applies an export to the CRM tables in one transaction. Upserts by natural key (rep, account and product
 * names; deal ids), so importing twice changes nothing and an export can join data already there (the demo
 * CRM or an earlier import).
 */
export interface ImportSummary {
  reps: number;
  products: number;
  accounts: number;
  deals: number;
  stageHistory: number;
  skipped: Record<string, number>;
  /** Deals without an account, imported under the placeholder account. */
  placeholder: { account: string; deals: number } | null;
}

const CHUNK = 2000;

async function known(client: pg.PoolClient): Promise<KnownEntities> {
  // one client runs one query at a time
  const reps = await client.query<{ name: string }>("select name from reps");
  const products = await client.query<{ name: string; list_price: string }>("select name, list_price from products");
  const accounts = await client.query<{ name: string }>("select name from accounts");
  return {
    reps: reps.rows.map((r) => r.name),
    products: products.rows.map((p) => ({ name: p.name, list_price: Number(p.list_price) })),
    accounts: accounts.rows.map((a) => a.name),
  };
}

async function idsByName(client: pg.PoolClient, table: "reps" | "products" | "accounts"): Promise<Map<string, string>> {
  const { rows } = await client.query<{ id: string; name: string }>(`select id, name from ${table}`);
  const key = table === "products" ? productKey : (n: string) => n.trim().toLowerCase();
  return new Map(rows.map((r) => [key(r.name), r.id]));
}

async function upsertReps(client: pg.PoolClient, plan: ImportPlan): Promise<void> {
  const existing = await idsByName(client, "reps");
  const idOf = new Map<string, string>();
  for (const r of plan.reps.filter((x) => x.role === "manager").concat(plan.reps.filter((x) => x.role === "rep"))) {
    const managerId = r.manager_id ? (idOf.get(r.manager_id) ?? r.manager_id) : null;
    const current = existing.get(r.name.trim().toLowerCase());
    if (current) {
      await client.query("update reps set role = $2, manager_id = $3, region = $4 where id = $1", [current, r.role, managerId, r.region]);
      idOf.set(r.id, current);
    } else {
      await client.query(
        `insert into reps (id, name, email, role, manager_id, region) values ($1, $2, $3, $4, $5, $6)
         on conflict (id) do update set name = excluded.name, role = excluded.role, manager_id = excluded.manager_id, region = excluded.region`,
        [r.id, r.name, r.email, r.role, managerId, r.region],
      );
      idOf.set(r.id, r.id);
    }
  }
}

async function upsertProducts(client: pg.PoolClient, plan: ImportPlan): Promise<void> {
  const existing = await idsByName(client, "products");
  for (const p of plan.products) {
    const current = existing.get(productKey(p.name));
    if (current) await client.query("update products set series = $2, list_price = $3 where id = $1", [current, p.series, p.list_price]);
    else await client.query("insert into products (id, name, series, list_price) values ($1, $2, $3, $4)", [p.id, p.name, p.series, p.list_price]);
  }
}

async function upsertAccounts(client: pg.PoolClient, plan: ImportPlan): Promise<void> {
  const cols = ["id", "name", "sector", "employees", "revenue_musd", "region", "country", "year_established", "subsidiary_of"] as const;
  const types = ["text", "text", "text", "integer", "numeric", "text", "text", "integer", "text"];
  for (let i = 0; i < plan.accounts.length; i += CHUNK) {
    const chunk = plan.accounts.slice(i, i + CHUNK);
    await client.query(
      `insert into accounts (${cols.join(", ")})
       select * from unnest(${types.map((t, j) => `$${j + 1}::${t}[]`).join(", ")})
       on conflict (name) do update set sector = excluded.sector, employees = excluded.employees, revenue_musd = excluded.revenue_musd,
         region = excluded.region, country = excluded.country, year_established = excluded.year_established, subsidiary_of = excluded.subsidiary_of`,
      cols.map((c) => chunk.map((a) => a[c])),
    );
  }
}

async function upsertDeals(client: pg.PoolClient, plan: ImportPlan): Promise<void> {
  const reps = await idsByName(client, "reps");
  const products = await idsByName(client, "products");
  const accounts = await idsByName(client, "accounts");
  const rows = plan.deals.map((d) => ({
    ...d,
    account_id: accounts.get(d.refs.account.trim().toLowerCase())!,
    owner_rep_id: reps.get(d.refs.rep.trim().toLowerCase())!,
    product_id: products.get(productKey(d.refs.product))!,
  }));
  const cols = ["id", "name", "account_id", "owner_rep_id", "product_id", "stage", "amount", "close_value", "engaged_at", "stage_entered_at", "expected_close_date", "closed_at"] as const;
  const types = ["text", "text", "text", "text", "text", "text", "numeric", "numeric", "timestamptz", "timestamptz", "date", "timestamptz"];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await client.query(
      `insert into deals (${cols.join(", ")})
       select * from unnest(${types.map((t, j) => `$${j + 1}::${t}[]`).join(", ")})
       on conflict (id) do update set name = excluded.name, account_id = excluded.account_id, owner_rep_id = excluded.owner_rep_id,
         product_id = excluded.product_id, stage = excluded.stage, amount = excluded.amount, close_value = excluded.close_value,
         engaged_at = excluded.engaged_at, stage_entered_at = excluded.stage_entered_at,
         expected_close_date = excluded.expected_close_date, closed_at = excluded.closed_at`,
      cols.map((c) => chunk.map((d) => d[c])),
    );
  }
  const ids = plan.deals.map((d) => d.id);
  for (let i = 0; i < ids.length; i += CHUNK) await client.query("delete from deal_stage_history where deal_id = any($1::text[])", [ids.slice(i, i + CHUNK)]);
  const h = plan.deal_stage_history;
  for (let i = 0; i < h.length; i += CHUNK) {
    const chunk = h.slice(i, i + CHUNK);
    await client.query(
      `insert into deal_stage_history (deal_id, stage, entered_at, exited_at)
       select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[])`,
      [chunk.map((s) => s.deal_id), chunk.map((s) => s.stage), chunk.map((s) => s.entered_at), chunk.map((s) => s.exited_at)],
    );
  }
}

export async function importCrmExport(pool: pg.Pool, data: CrmExport, options: { now: number; skipOrphans?: boolean }): Promise<ImportSummary> {
  return withTransaction(pool, async (client) => {
    const plan = planCrmImport(data, { now: options.now, known: await known(client), skipOrphans: options.skipOrphans });
    await upsertReps(client, plan);
    await upsertProducts(client, plan);
    await upsertAccounts(client, plan);
    await upsertDeals(client, plan);
    return {
      reps: plan.reps.length,
      products: plan.products.length,
      accounts: plan.accounts.length,
      deals: plan.deals.length,
      stageHistory: plan.deal_stage_history.length,
      skipped: plan.skipped,
      placeholder: plan.placeholder,
    };
  });
}
