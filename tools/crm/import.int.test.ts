import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoData } from "../../src/demo/generate.js";
import { seedDemoData } from "../../src/demo/seed.js";
import type { DemoData } from "../../src/demo/types.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../../tests/helpers/databases.js";
import { csvLine } from "../leads/csv.js";
import { parseCrmExport, type ExportKind } from "./import-csv.js";
import { importCrmExport } from "./import-crm.js";

const SHARED_CRM = path.resolve(process.cwd(), "../shared/data/crm");
const MAVEN = {
  teams: "sales_teams.csv",
  products: "products.csv",
  accounts: "accounts.csv",
  deals: "sales_pipeline.train.csv",
} as const satisfies Record<ExportKind, string>;
const haveMaven = Object.values(MAVEN).every((f) => fs.existsSync(path.join(SHARED_CRM, f)));
if (!haveMaven) console.warn(`skipping the Maven CRM import test: ${SHARED_CRM} is absent`);

const kinds = await databaseKinds();
const now = Date.UTC(2026, 10, 25);

function mavenExport() {
  const part = (k: ExportKind) => ({ file: MAVEN[k], content: fs.readFileSync(path.join(SHARED_CRM, MAVEN[k]), "utf8") });
  return parseCrmExport({ teams: part("teams"), products: part("products"), accounts: part("accounts"), deals: part("deals") });
}

/** The demo CRM written out in the Maven layout, as another CRM would export it. */
function demoExport(data: DemoData) {
  const csv = (header: string[], rows: string[][]) => [csvLine(header), ...rows.map((r) => csvLine(r))].join("\n");
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const reps = byId(data.reps);
  const accounts = byId(data.accounts);
  const products = byId(data.products);
  const stageName = (s: string) => ({ won: "Won", lost: "Lost", prospecting: "Prospecting" })[s] ?? "Engaging";
  return parseCrmExport({
    teams: {
      file: "teams.csv",
      content: csv(["sales_agent", "manager", "regional_office"], data.reps.filter((r) => r.role === "rep").map((r) => [r.name, reps.get(r.manager_id!)!.name, r.region])),
    },
    products: { file: "products.csv", content: csv(["product", "series", "sales_price"], data.products.map((p) => [p.name, p.series, String(p.list_price)])) },
    accounts: {
      file: "accounts.csv",
      content: csv(
        ["account", "sector", "year_established", "revenue", "employees", "office_location", "subsidiary_of", "region"],
        data.accounts.map((a) => [a.name, a.sector, String(a.year_established), String(a.revenue_musd), String(a.employees), a.country, a.subsidiary_of ?? "", a.region]),
      ),
    },
    deals: {
      file: "pipeline.csv",
      content: csv(
        ["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value", "amount"],
        data.deals.map((d) => [
          `X${d.id}`,
          reps.get(d.owner_rep_id)!.name,
          products.get(d.product_id)!.name,
          accounts.get(d.account_id)!.name,
          stageName(d.stage),
          d.engaged_at.slice(0, 10),
          (d.closed_at ?? d.expected_close_date ?? "").slice(0, 10),
          d.close_value === null ? "" : String(d.close_value),
          String(d.amount),
        ]),
      ),
    },
  });
}

describe.each(kinds)("crm import (%s)", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => db?.dispose());

  const count = async (sql: string) => (await db.pool.query(sql)).rows[0].n as number;

  it("imports the demo CRM exported in the same layout, next to the seeded demo data", async () => {
    await seedDemoData(db.pool);
    const demo = generateDemoData();
    const accountsBefore = await count("select count(*)::int as n from accounts");
    const summary = await importCrmExport(db.pool, demoExport(demo), { now });
    expect(summary.deals).toBe(demo.deals.length);
    // the export's accounts, reps and products are the seeded ones: matched by name, not duplicated
    expect(await count("select count(*)::int as n from accounts")).toBe(accountsBefore);
    const imported = await db.pool.query(
      "select stage, count(*)::int as n from deals where id like 'Xdeal_%' group by stage order by stage",
    );
    const expected = new Map<string, number>();
    for (const d of demo.deals) {
      const stage = d.stage === "won" || d.stage === "lost" || d.stage === "prospecting" ? d.stage : "qualification";
      expected.set(stage, (expected.get(stage) ?? 0) + 1);
    }
    expect(Object.fromEntries(imported.rows.map((r) => [r.stage, r.n]))).toEqual(Object.fromEntries([...expected].sort()));
  });

  it.skipIf(!haveMaven)("imports the Maven CRM export into the same CRM, and importing it again changes nothing", async () => {
    const data = mavenExport();
    const first = await importCrmExport(db.pool, data, { now });
    expect(first).toMatchObject({ reps: 41, products: 7, accounts: 85, deals: data.deals.length });
    const ids = data.deals.map((d) => d.opportunity_id);
    const scoped = async (sql: string) => (await db.pool.query(sql, [ids])).rows[0].n as number;
    const snapshot = async () => ({
      deals: await scoped("select count(*)::int as n from deals where id = any($1)"),
      history: await scoped("select count(*)::int as n from deal_stage_history where deal_id = any($1)"),
      won: await scoped("select count(*)::int as n from deals where stage = 'won' and id = any($1)"),
      gtxPro: await scoped("select count(*)::int as n from deals d join products p on p.id = d.product_id where p.name = 'GTX Pro' and d.id = any($1)"),
      all: await count("select count(*)::int as n from deals"),
    });
    const before = await snapshot();
    expect(before.deals).toBe(data.deals.length);
    expect(before.gtxPro).toBe(data.deals.filter((d) => d.product === "GTXPro").length);
    await importCrmExport(db.pool, data, { now });
    expect(await snapshot()).toEqual(before);
  });
});
