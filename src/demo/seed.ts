import type pg from "pg";
import { withTransaction } from "../infra/postgres/pool.js";
import { generateDemoData, type DemoOptions } from "./generate.js";
import { DEMO_TABLES, type DemoData } from "./types.js";

export type DemoTable = (typeof DEMO_TABLES)[number];

export interface SeedResult {
  inserted: boolean;
  /** Rows per table: those inserted, or those already there when nothing was inserted. */
  counts: Record<DemoTable, number>;
}

type SqlType = "text" | "integer" | "numeric" | "double precision" | "boolean" | "timestamptz" | "date";
type Columns<Row> = readonly (readonly [keyof Row & string, SqlType])[];

const COLUMNS: { [T in DemoTable]: Columns<DemoData[T][number]> } = {
  reps: [
    ["id", "text"], ["name", "text"], ["email", "text"], ["role", "text"], ["manager_id", "text"], ["region", "text"],
    ["timezone", "text"], ["quota", "numeric"], ["hired_at", "date"], ["created_at", "timestamptz"],
  ],
  products: [["id", "text"], ["name", "text"], ["series", "text"], ["list_price", "numeric"], ["billing", "text"], ["description", "text"]],
  accounts: [
    ["id", "text"], ["name", "text"], ["sector", "text"], ["employees", "integer"], ["revenue_musd", "numeric"], ["region", "text"],
    ["country", "text"], ["year_established", "integer"], ["subsidiary_of", "text"], ["website", "text"], ["owner_rep_id", "text"],
    ["created_at", "timestamptz"],
  ],
  contacts: [
    ["id", "text"], ["account_id", "text"], ["first_name", "text"], ["last_name", "text"], ["email", "text"], ["phone", "text"],
    ["title", "text"], ["seniority", "text"], ["timezone", "text"], ["created_at", "timestamptz"],
  ],
  leads: [
    ["id", "text"], ["contact_id", "text"], ["account_id", "text"], ["owner_rep_id", "text"], ["status", "text"], ["source", "text"],
    ["name", "text"], ["email", "text"], ["phone", "text"], ["company", "text"], ["job_role", "text"], ["industry", "text"],
    ["company_size", "integer"], ["country", "text"], ["budget", "text"], ["authority", "text"], ["need", "text"], ["timeline", "text"],
    ["visits", "integer"], ["page_views", "integer"], ["minutes_on_site", "numeric"], ["email_opens", "integer"],
    ["email_clicks", "integer"], ["content_downloads", "integer"], ["webinar_attended", "boolean"], ["demo_requested", "boolean"],
    ["last_activity_at", "timestamptz"], ["converted", "boolean"], ["converted_at", "timestamptz"], ["created_at", "timestamptz"],
    ["updated_at", "timestamptz"],
  ],
  deals: [
    ["id", "text"], ["name", "text"], ["account_id", "text"], ["contact_id", "text"], ["owner_rep_id", "text"], ["product_id", "text"],
    ["lead_id", "text"], ["stage", "text"], ["amount", "numeric"], ["close_value", "numeric"], ["engaged_at", "timestamptz"],
    ["stage_entered_at", "timestamptz"], ["expected_close_date", "date"], ["closed_at", "timestamptz"], ["lost_reason", "text"],
    ["next_step", "text"], ["last_activity_at", "timestamptz"], ["created_at", "timestamptz"],
  ],
  deal_stage_history: [["deal_id", "text"], ["stage", "text"], ["entered_at", "timestamptz"], ["exited_at", "timestamptz"]],
  activities: [
    ["id", "text"], ["kind", "text"], ["direction", "text"], ["account_id", "text"], ["contact_id", "text"], ["lead_id", "text"],
    ["deal_id", "text"], ["rep_id", "text"], ["subject", "text"], ["outcome", "text"], ["occurred_at", "timestamptz"],
  ],
};

/** Rows per statement: each column travels as one array parameter, so this bounds message size only. */
const CHUNK_ROWS = 5000;
/** Serialises concurrent seeders (two processes starting on one empty database). */
const SEED_LOCK_KEY = 7_316_002;

/**
 * True when the CRM already holds data, demo or imported: seeding never mixes demo rows into someone's
 * real accounts.
 */
export async function isSeeded(pool: pg.Pool | pg.PoolClient): Promise<boolean> {
  const { rows } = await pool.query<{ seeded: boolean }>(
    "select exists (select 1 from reps) or exists (select 1 from accounts) as seeded",
  );
  return rows[0]?.seeded === true;
}

/** Inserts the demo CRM in one transaction, unless the CRM already holds data. Idempotent. */
export async function seedDemoData(pool: pg.Pool, options: DemoOptions = {}): Promise<SeedResult> {
  const outcome = await withTransaction(pool, async (client) => {
    await client.query("select pg_advisory_xact_lock($1)", [SEED_LOCK_KEY]);
    if (await isSeeded(client)) return undefined;
    const data = generateDemoData(options);
    for (const table of DEMO_TABLES) await insertRows(client, table, COLUMNS[table], data[table]);
    return countsOf(data);
  });
  return outcome ? { inserted: true, counts: outcome } : { inserted: false, counts: await countRows(pool) };
}

async function insertRows(
  client: pg.PoolClient,
  table: DemoTable,
  columns: readonly (readonly [string, SqlType])[],
  rows: readonly object[],
): Promise<void> {
  const names = columns.map(([name]) => name).join(", ");
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const sql = `insert into ${table} (${names}) select * from unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    await client.query(sql, columns.map(([name]) => chunk.map((row) => (row as Record<string, unknown>)[name] ?? null)));
  }
}

function countsOf(data: DemoData): Record<DemoTable, number> {
  return Object.fromEntries(DEMO_TABLES.map((t) => [t, data[t].length])) as Record<DemoTable, number>;
}

export async function countRows(pool: pg.Pool | pg.PoolClient): Promise<Record<DemoTable, number>> {
  const selects = DEMO_TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(", ");
  const { rows } = await pool.query<Record<DemoTable, number>>(`select ${selects}`);
  return rows[0]!;
}
