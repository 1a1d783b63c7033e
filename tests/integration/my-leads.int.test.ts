import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLeadInsightNode } from "../../agents/sales-assistant/nodes/lead-insight.js";
import { fixedClock } from "../../src/core/clock.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { createRepOwners } from "../../src/infra/postgres/rep-owners-repo.js";
import { createDealLookupTool, type DealSummary } from "../../tools/crm/deals.js";
import { createLeadScoringTool, type LeadScoringOutput } from "../../tools/leads/tool.js";
import { createPipelineTools } from "../../tools/pipeline/tool.js";
import { ToolRegistry } from "../../tools/registry.js";
import { oneMessageState } from "../helpers/graph-state.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const NOW = "2026-11-01T00:00:00Z";

describe("'my leads': reps mapped to CRM owners get their own leads, managers their team's", () => {
  let db: TestDatabase;
  let tools: ToolRegistry;
  let rep: { id: string; name: string; email: string; manager_id: string };
  let manager: { id: string; name: string };
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool, { seed: 7, now: new Date(NOW) });
    const withLeads = await db.pool.query(
      `select r.id, r.name, r.email, r.manager_id from reps r
        where r.role = 'rep' and exists (select 1 from leads l where l.owner_rep_id = r.id and l.converted is null)
        order by r.id limit 1`,
    );
    rep = withLeads.rows[0];
    manager = (await db.pool.query("select id, name from reps where id = $1", [rep.manager_id])).rows[0];
    const mapping = { "slack:U_REP": rep.name, "teams:M_AAD": manager.name };
    const owners = createRepOwners(db.pool, mapping);
    const clock = fixedClock(NOW);
    tools = new ToolRegistry([
      createLeadScoringTool({ pool: db.pool, clock, owners }),
      createDealLookupTool({ pool: db.pool, clock, owners }),
      ...createPipelineTools({ pool: db.pool, clock, owners }),
    ]);
  }, 60_000);
  afterAll(async () => db?.dispose());

  const ask = (id: string, channel: "slack" | "teams", role: "rep" | "manager") => ({ actor: { id, role, tenant: "demo" }, channel, conversationId: "c" });

  it("a mapped rep's 'my leads' are only leads they own; a manager's cover the team; the whole list is wider", async () => {
    const mine = await tools.call<LeadScoringOutput>("lead_scores", { mode: "top", limit: 50, mine: true }, ask("U_REP", "slack", "rep"));
    expect(mine.owner).toEqual({ name: rep.name, role: "rep", reps: 1 });
    expect(mine.leads.length).toBeGreaterThan(0);
    for (const lead of mine.leads) expect(lead.owner).toBe(rep.name);

    const team = await tools.call<LeadScoringOutput>("lead_scores", { mode: "top", limit: 50, mine: true }, ask("M_AAD", "teams", "manager"));
    expect(team.owner?.role).toBe("manager");
    const teamNames = new Set((await db.pool.query("select name from reps where manager_id = $1 or id = $1", [manager.id])).rows.map((r) => r.name));
    for (const lead of team.leads) expect(teamNames.has(lead.owner!)).toBe(true);
    expect(new Set(team.leads.map((l) => l.owner)).size).toBeGreaterThan(1);

    const everyone = await tools.call<LeadScoringOutput>("lead_scores", { mode: "top", limit: 50 }, ask("U_REP", "slack", "rep"));
    expect(new Set(everyone.leads.map((l) => l.owner)).size).toBeGreaterThan(new Set(mine.leads.map((l) => l.owner)).size);
  }, 120_000);

  it("in chat: 'which of my leads should I call?' names the rep; an unmapped user is told how to get mapped; an e-mail id matches reps.email", async () => {
    const node = createLeadInsightNode({ tools });
    const state = (text: string, actorId: string) => oneMessageState(text, { role: "rep", actorId, channel: "slack", conversationId: "c-1" });
    const answer = await node(state("which of my leads should I call first?", "U_REP"));
    expect(answer.reply).toContain(`open leads of ${rep.name} to call`);
    expect(answer.reply).toMatch(/(raises|lowers) the score/);
    const unmapped = await node(state("which of my leads should I call first?", "U_NOBODY"));
    expect(unmapped.reply).toMatch(/REP_OWNERS/);
    const byEmail = await tools.call<LeadScoringOutput>("lead_scores", { mode: "top", mine: true }, ask(rep.email, "teams", "rep"));
    expect(byEmail.owner?.name).toBe(rep.name);
  }, 120_000);

  it("'my deals' are the rep's own open deals, 'my pipeline' is scoped to the rep (a manager: the team)", async () => {
    const deals = await tools.call<{ accounts: string[]; deals: DealSummary[] }>("crm_find_deals", { query: "how are my deals doing?" }, ask("U_REP", "slack", "rep"));
    expect(deals.deals.length).toBeGreaterThan(0);
    for (const d of deals.deals) expect(d.owner).toBe(rep.name);
    // activity warnings beside each deal, with evidence
    const teamDeals = await tools.call<{ deals: DealSummary[] }>("crm_find_deals", { query: "my deals", limit: 50 }, ask("M_AAD", "teams", "manager"));
    for (const d of teamDeals.deals) expect(Array.isArray(d.warnings)).toBe(true);
    const warnings = teamDeals.deals.flatMap((d) => d.warnings ?? []);
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w.evidence.length).toBeGreaterThan(10);
    const review = await tools.call<{ scope: { rep?: string; manager?: string } }>("pipeline_review", { query: "how is my pipeline looking?" }, ask("U_REP", "slack", "rep"));
    expect(review.scope).toMatchObject({ rep: rep.name });
    const team = await tools.call<{ scope: { rep?: string; manager?: string } }>("pipeline_review", { query: "my team's pipeline" }, ask("M_AAD", "teams", "manager"));
    expect(team.scope).toMatchObject({ manager: manager.name });
  }, 180_000);
});
