import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDealInsightNode } from "../../agents/sales-assistant/nodes/deal-insight.js";
import { createPipelineReviewNode } from "../../agents/sales-assistant/nodes/pipeline-review.js";
import type { SalesStateType } from "../../agents/sales-assistant/state.js";
import { fixedClock } from "../../src/core/clock.js";
import { AccessDeniedError } from "../../src/core/errors.js";
import type { Role } from "../../src/core/domain.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { DEFAULT_NOW } from "../../src/demo/time.js";
import { createDealLookupTool } from "../../tools/crm/deals.js";
import { DEAL_CLOSE_KIND } from "../../tools/pipeline/close-model.js";
import { createPipelineService } from "../../tools/pipeline/service.js";
import { createPipelineTools } from "../../tools/pipeline/tool.js";
import { ToolRegistry } from "../../tools/registry.js";
import { runCliInProcess } from "../helpers/cli.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { oneMessageState } from "../helpers/graph-state.js";

const kinds = await databaseKinds();

const cli = runCliInProcess;

function state(text: string, role: Role = "manager"): SalesStateType {
  return oneMessageState(text, { role, conversationId: "pipeline-test" });
}

describe.each(kinds)("pipeline on the demo CRM (%s)", (kind) => {
  let db: TestDatabase;
  let tools: ToolRegistry;
  const clock = fixedClock(DEFAULT_NOW.toISOString());
  let service: ReturnType<typeof createPipelineService>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemoData(db.pool);
    service = createPipelineService({ pool: db.pool, clock });
    tools = new ToolRegistry([createDealLookupTool({ pool: db.pool, clock }), ...createPipelineTools({ pool: db.pool, clock, service })]);
  });
  afterAll(async () => db?.dispose());

  it("trains on closed deals and stores the model as deal-close with hold-out metrics", async () => {
    const trained = await service.train();
    const { rows } = await db.pool.query("select kind, metrics from models where id = $1", [trained.id]);
    expect(rows[0].kind).toBe(DEAL_CLOSE_KIND);
    const closed = await db.pool.query("select count(*)::int as n from deals where stage in ('won', 'lost')");
    expect(rows[0].metrics.closedDeals).toBe(closed.rows[0].n);
    expect(rows[0].metrics.holdout.auc).toBeGreaterThan(0.6);
    expect(rows[0].metrics.holdout.brier).toBeLessThan(rows[0].metrics.holdout.baselineBrier);
  });

  it("reports a pipeline whose parts add up to what the database holds", async () => {
    const r = await service.review({ period: "this quarter", seed: 3, iterations: 2000 });
    const open = await db.pool.query("select count(*)::int as n, sum(amount)::float as total from deals where stage not in ('won', 'lost')");
    expect(r.pipeline.count).toBe(open.rows[0].n);
    expect(r.pipeline.total).toBeCloseTo(open.rows[0].total, 2);
    expect(r.stages.reduce((s, x) => s + x.count, 0)).toBe(r.pipeline.count);
    expect(r.pipeline.weighted).toBeGreaterThan(0);
    expect(r.pipeline.weighted).toBeLessThan(r.pipeline.total);
    const f = r.forecast.total;
    expect(f.low).toBeLessThanOrEqual(f.mean);
    expect(f.mean).toBeLessThanOrEqual(f.high);
    expect(f.low).toBeGreaterThanOrEqual(f.closedWon);
    expect(r.velocity.salesVelocityPerDay).toBeCloseTo((r.velocity.openDeals * r.velocity.winRate * r.velocity.averageWonSize) / r.velocity.cycleDays, 6);
    expect(r.atRiskCount).toBeGreaterThan(0);
    for (const d of r.atRisk) expect(d.reasons.length).toBeGreaterThan(0);
    expect(await service.review({ period: "this quarter", seed: 3, iterations: 2000 })).toEqual(r);
  });

  it("scopes a forecast to a region named in plain language", async () => {
    const r = await tools.call<Awaited<ReturnType<typeof service.review>>>(
      "pipeline_review",
      { query: "forecast for emea this quarter" },
      { actor: { id: "m", role: "manager", tenant: "demo" }, channel: "cli", conversationId: "x" },
    );
    expect(r.scope).toEqual({ region: "EMEA" });
    const emeaOpen = await db.pool.query(
      "select count(*)::int as n from deals d join reps r on r.id = d.owner_rep_id where r.region = 'EMEA' and d.stage not in ('won', 'lost')",
    );
    expect(r.pipeline.count).toBe(emeaOpen.rows[0].n);
    expect(r.forecast.byRegion.map((g) => g.key)).toEqual(["EMEA"]);
  });

  it("answers managers in the conversation with numbers and reasons", async () => {
    const node = createPipelineReviewNode({ tools });
    const slip = await node(state("which deals will slip this month?"));
    expect(slip.reply).toMatch(/slip/);
    const forecast = await node(state("forecast for EMEA this quarter"));
    expect(forecast.reply).toMatch(/^Forecast 2026-Q4 .*region EMEA.*80% interval \$/);
    const overview = await node(state("how's the pipeline looking?", "rep"));
    expect(overview.reply).toMatch(/open deals worth \$.*weighted by close probability/);
  });

  it("adds close probability, predicted close date, risks and next actions to a deal insight", async () => {
    const { rows } = await db.pool.query(
      `select a.name from deals d join accounts a on a.id = d.account_id where d.stage not in ('won', 'lost') order by d.amount desc limit 1`,
    );
    const account = rows[0].name as string;
    const update = await createDealInsightNode({ tools })(state(`how's the ${account} deal?`, "rep"));
    expect(update.reply).toContain(account);
    expect(update.reply).toMatch(/Close probability \d+%; predicted close \d{4}-\d{2}-\d{2}/);
    expect(update.reply).toMatch(/Next best actions: /);
  });

  it("never serves a prospect", async () => {
    const refusal = await createPipelineReviewNode({ tools })(state("forecast for EMEA this quarter", "prospect"));
    expect(refusal.reply).not.toMatch(/\$/);
    await expect(
      tools.call("pipeline_review", { query: "forecast" }, { actor: { id: "p", role: "prospect", tenant: "demo" }, channel: "web", conversationId: "p" }),
    ).rejects.toBeInstanceOf(AccessDeniedError);
    expect(tools.audienceOf("pipeline_deal_predictions")).toBe("internal");
  });
});

describe("salesgraph pipeline train | report", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-pipeline-"));
  const env = { SALESGRAPH_DATA_DIR: path.join(tmp, "data") };
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("exits 2 naming the file and column of a bad CRM export", async () => {
    const bad = path.join(tmp, "pipeline.csv");
    fs.writeFileSync(bad, "opportunity_id,sales_agent,product\nX1,Ann,GTX\n");
    const result = await cli(["crm", "import", "--deals", bad], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pipeline\.csv: missing column account, deal_stage, engage_date, close_date, close_value/);
  });

  it("trains and reports on the seeded demo CRM", async () => {
    expect((await cli(["seed"], env)).code).toBe(0);
    const train = await cli(["pipeline", "train"], env);
    expect(train.stderr).toBe("");
    expect(train.stdout).toMatch(/AUC 0\.\d{3}/);
    expect(train.stdout).toMatch(/stored as deal-close-\d+/);
    const report = await cli(["pipeline", "report", "--region", "emea", "--period", "next quarter", "--json"], env);
    expect(report.code).toBe(0);
    const r = JSON.parse(report.stdout);
    expect(r.scope).toEqual({ region: "EMEA" });
    expect(r.forecast.total.low).toBeLessThanOrEqual(r.forecast.total.high);
  });
});
