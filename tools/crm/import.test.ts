import { describe, expect, it } from "vitest";
import { BadInputError } from "../../src/core/errors.js";
import { parseCrmExport, parseExportFile } from "./import-csv.js";
import { planCrmImport, productKey } from "./import-plan.js";
import { regionOfCountry } from "./import-regions.js";

const TEAMS = "sales_agent,manager,regional_office\nAnna Snelling,Dustin Brinkmann,Central\nBoris Faz,Rocco Neubert,East\n";
const PRODUCTS = "product,series,sales_price\nGTX Pro,GTX,4821\nMG Special,MG,55\n";
const ACCOUNTS =
  "account,sector,year_established,revenue,employees,office_location,subsidiary_of\nAcme Corporation,technolgy,1996,1100.04,2822,United States,\nBetatech,medical,1986,647.18,1185,Kenya,\n";
const DEALS = [
  "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value",
  "OPP1,Anna Snelling,GTXPro,Acme Corporation,Won,2017-01-05,2017-02-10,4514.0",
  "OPP2,Boris Faz,MG Special,Betatech,Lost,2017-03-01,2017-03-04,0.0",
  "OPP3,Boris Faz,MG Special,Betatech,Engaging,2017-12-01,,",
  "OPP4,Boris Faz,MG Special,,Prospecting,,,",
].join("\n");

function exportOf(overrides: Partial<Record<"teams" | "products" | "accounts" | "deals", string>> = {}) {
  const files = { teams: TEAMS, products: PRODUCTS, accounts: ACCOUNTS, deals: DEALS, ...overrides };
  return parseCrmExport({
    teams: { file: "sales_teams.csv", content: files.teams },
    products: { file: "products.csv", content: files.products },
    accounts: { file: "accounts.csv", content: files.accounts },
    deals: { file: "sales_pipeline.csv", content: files.deals },
  });
}

function badInput(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return (error as Error).message;
  }
  throw new Error("expected a BadInputError");
}

describe("reading a CRM export", () => {
  it("parses the Maven columns with numbers and dates", () => {
    const deals = parseExportFile("deals", "sales_pipeline.csv", DEALS);
    expect(deals[0]).toMatchObject({ opportunity_id: "OPP1", close_value: 4514, engage_date: Date.UTC(2017, 0, 5), account: "Acme Corporation" });
    expect(deals[3]).toMatchObject({ account: null, engage_date: null, close_value: null });
  });

  it("names the file and the missing column", () => {
    expect(badInput(() => parseExportFile("deals", "pipe.csv", "opportunity_id,sales_agent\nX,Y\n"))).toMatch(
      /^pipe\.csv: missing column product, account, deal_stage, engage_date, close_date, close_value/,
    );
  });

  it("names the file, line and column of a bad value", () => {
    const bad = DEALS.replace("4514.0", "lots");
    expect(badInput(() => exportOf({ deals: bad }))).toBe('sales_pipeline.csv line 2: column close_value "lots" is not an amount');
    expect(badInput(() => exportOf({ deals: DEALS.replace("2017-03-01", "03/01/2017") }))).toBe(
      'sales_pipeline.csv line 3: column engage_date "03/01/2017" is not a date (YYYY-MM-DD)',
    );
    expect(badInput(() => exportOf({ teams: "sales_agent,manager,regional_office\n,Dustin,Central\n" }))).toBe("sales_teams.csv line 2: column sales_agent is empty");
    expect(badInput(() => parseExportFile("teams", "t.csv", ""))).toBe("t.csv is empty");
  });
});

describe("planning an import", () => {
  const plan = planCrmImport(exportOf(), { now: Date.UTC(2018, 0, 1) });

  it("creates managers before their reps, with the team's region", () => {
    expect(plan.reps.map((r) => [r.name, r.role, r.manager_id, r.region])).toEqual([
      ["Dustin Brinkmann", "manager", null, "Central"],
      ["Rocco Neubert", "manager", null, "East"],
      ["Anna Snelling", "rep", "rep_dustin_brinkmann", "Central"],
      ["Boris Faz", "rep", "rep_rocco_neubert", "East"],
    ]);
  });

  it("maps stages, matches GTXPro to GTX Pro and sizes deals by list price, not by the outcome", () => {
    expect(productKey("GTXPro")).toBe(productKey("GTX Pro"));
    const [won, lost, open] = plan.deals;
    expect(won).toMatchObject({ stage: "won", product_id: "prod_gtx_pro", amount: 4821, close_value: 4514, closed_at: "2017-02-10T00:00:00.000Z" });
    expect(lost).toMatchObject({ stage: "lost", amount: 55, close_value: null });
    expect(open).toMatchObject({ stage: "qualification", closed_at: null, stage_entered_at: "2017-12-01T00:00:00.000Z" });
  });

  it("files a deal without an account under the placeholder account, dated by the export's newest date, not today", () => {
    const orphan = plan.deals.find((d) => d.id === "OPP4")!;
    expect(orphan).toMatchObject({ account_id: "acc_unknown_account", name: "(unknown account) – MG Special", engaged_at: "2017-12-01T00:00:00.000Z" });
    expect(plan.placeholder).toEqual({ account: "(unknown account)", deals: 1 });
    expect(plan.skipped).toEqual({});
    expect(plan.undatedAt).toBe("2017-12-01T00:00:00.000Z");
    expect(plan.accounts.at(-1)).toMatchObject({ name: "(unknown account)", sector: "unknown", region: "unknown" });
  });

  it("skips deals without an account only with skipOrphans, and counts them", () => {
    const skipping = planCrmImport(exportOf(), { now: Date.UTC(2018, 0, 1), skipOrphans: true });
    expect(skipping.skipped).toEqual({ "no account": 1 });
    expect(skipping.placeholder).toBeNull();
    expect(skipping.deals.map((d) => d.id)).toEqual(["OPP1", "OPP2", "OPP3"]);
  });

  it("writes a stage history: engaged until the close, then the outcome", () => {
    expect(plan.deal_stage_history.filter((h) => h.deal_id === "OPP1")).toEqual([
      { deal_id: "OPP1", stage: "qualification", entered_at: "2017-01-05T00:00:00.000Z", exited_at: "2017-02-10T00:00:00.000Z" },
      { deal_id: "OPP1", stage: "won", entered_at: "2017-02-10T00:00:00.000Z", exited_at: null },
    ]);
  });

  it("gives accounts a region from their country", () => {
    expect(plan.accounts.slice(0, 2).map((a) => [a.name, a.region, a.sector])).toEqual([
      ["Acme Corporation", "North America", "technolgy"],
      ["Betatech", "EMEA", "medical"],
    ]);
    expect(regionOfCountry("Philipines")).toBe("APAC");
    expect(regionOfCountry(null)).toBe("Unknown");
  });

  it("plans the same rows twice (idempotent ids)", () => {
    expect(planCrmImport(exportOf(), { now: Date.UTC(2018, 0, 1) })).toEqual(plan);
  });

  it("rejects references to unknown agents, accounts and products, naming the column", () => {
    expect(badInput(() => planCrmImport(exportOf({ deals: DEALS.replace("OPP1,Anna Snelling", "OPP1,Nobody Here") }), { now: 0 }))).toBe(
      'sales_pipeline.csv line 2: column sales_agent "Nobody Here" is in no sales team',
    );
    expect(badInput(() => planCrmImport(exportOf({ deals: DEALS.replace("GTXPro", "Widget") }), { now: 0 }))).toMatch(/column product "Widget"/);
    expect(badInput(() => planCrmImport(exportOf({ deals: DEALS.replace(",Won,", ",Maybe,") }), { now: 0 }))).toMatch(/column deal_stage has unknown stage "Maybe"/);
    expect(badInput(() => planCrmImport(exportOf({ deals: DEALS.replace("2017-02-10", "2016-02-10") }), { now: 0 }))).toMatch(/close_date is before engage_date/);
  });

  it("accepts deals that refer to entities already in the CRM", () => {
    const data = parseCrmExport({ deals: { file: "d.csv", content: DEALS.split("\n").slice(0, 2).join("\n") } });
    const p = planCrmImport(data, { now: 0, known: { reps: ["anna snelling"], products: [{ name: "GTX Pro", list_price: 5000 }], accounts: ["Acme Corporation"] } });
    expect(p.deals[0]).toMatchObject({ amount: 5000, refs: { rep: "Anna Snelling", product: "GTX Pro", account: "Acme Corporation" } });
  });
});
