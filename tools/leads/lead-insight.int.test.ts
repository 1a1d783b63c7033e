import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLeadInsightNode, parseLeadQuestion } from "../../agents/sales-assistant/nodes/lead-insight.js";
import type { SalesStateType } from "../../agents/sales-assistant/state.js";
import { fixedClock } from "../../src/core/clock.js";
import { AccessDeniedError } from "../../src/core/errors.js";
import type { Role } from "../../src/core/domain.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { createModelsRepo } from "../../src/infra/postgres/models-repo.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../../tests/helpers/databases.js";
import { ToolRegistry } from "../registry.js";
import { LEAD_MODEL_KIND, trainDemoLeadModel } from "./crm-model.js";
import { createLeadScoringTool, type LeadScoringOutput } from "./tool.js";
import { oneMessageState } from "../../tests/helpers/graph-state.js";

const NOW = "2026-11-01T00:00:00Z";
const kinds = await databaseKinds();

function state(text: string, role: Role): SalesStateType {
  return oneMessageState(text, { role, actorId: `u-${role}`, channel: "slack", conversationId: "c-1" });
}

describe("parsing a rep's lead question", () => {
  it("tells a ranked list from a question about one lead", () => {
    expect(parseLeadQuestion("top 10 leads to call")).toEqual({ kind: "top", limit: 10 });
    expect(parseLeadQuestion("who are my 5 hottest leads?")).toEqual({ kind: "top", limit: 5, mine: true });
    expect(parseLeadQuestion("why is ana@acme.example scored hot?")).toEqual({ kind: "lookup", query: "ana@acme.example", why: true });
    expect(parseLeadQuestion("Why is Maria Lopez rated so high?")).toEqual({ kind: "lookup", query: "Maria Lopez", why: true });
    expect(parseLeadQuestion("score of lead lead_00042")).toEqual({ kind: "lookup", query: "lead_00042", why: false });
    expect(parseLeadQuestion("what's the score for Ana Ruiz?")).toEqual({ kind: "lookup", query: "Ana Ruiz", why: false });
  });
});

describe.each(kinds)("lead scoring on the CRM (%s)", (kind) => {
  let db: TestDatabase;
  let tools: ToolRegistry;
  const clock = fixedClock(NOW);
  const context = (role: Role) => ({ actor: { id: "u", role, tenant: "demo" }, channel: "slack" as const, conversationId: "c" });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemoData(db.pool, { seed: 7, now: new Date(NOW) });
    tools = new ToolRegistry([createLeadScoringTool({ pool: db.pool, clock })]);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("never serves a prospect", async () => {
    await expect(tools.call("lead_scores", { mode: "top" }, context("prospect"))).rejects.toThrow(AccessDeniedError);
    const out = await createLeadInsightNode({ tools })(state("top 10 leads to call", "prospect"));
    expect(out.reply).toMatch(/can't share/);
  });

  it("trains a model on first use, stores it, and ranks open leads by probability", async () => {
    const result = await tools.call<LeadScoringOutput>("lead_scores", { mode: "top", limit: 10 }, context("rep"));
    expect(result.model?.holdoutAuc).toBeGreaterThan(0.6);
    expect((await createModelsRepo(db.pool).latest(LEAD_MODEL_KIND))?.id).toBe(result.model?.id);
    expect(result.leads).toHaveLength(10);
    for (const lead of result.leads) {
      expect(lead.converted).toBeNull();
      expect(lead.leadScore).toBe(Math.round(lead.probability * 100));
      expect(lead.topFactors.length).toBeGreaterThan(0);
    }
    const probabilities = result.leads.map((l) => l.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
  });

  it("answers 'top leads to call' and 'why is X scored hot' in a few lines", async () => {
    const node = createLeadInsightNode({ tools });
    const top = await node(state("top 5 leads to call", "rep"));
    const lines = String(top.reply).split("\n");
    expect(lines[0]).toBe("Top 5 open leads to call:");
    expect(lines.slice(1, 6).every((l: string, i: number) => l.startsWith(`${i + 1}. `) && /score \d+, (hot|warm|cold)/.test(l) && l.includes("Next:"))).toBe(true);

    const { rows } = await db.pool.query("select name, email from leads where converted is null order by id limit 1");
    const why = await node(state(`why is ${rows[0].email} scored hot?`, "manager"));
    expect(why.reply).toContain(rows[0].name);
    expect(why.reply).toContain("What drives the score");
    expect(why.reply).toMatch(/Next best actions: /);

    const missing = await node(state("what's the score for Nobody Atall?", "rep"));
    expect(missing.reply).toMatch(/couldn't find a lead matching "Nobody Atall"/);
  });

  it("retraining stores a newer model that becomes the active one", async () => {
    clock.advance(60_000);
    const trained = await trainDemoLeadModel(db.pool, { clock });
    expect(trained.model.metrics.trainRows).toBeGreaterThan(1000);
    const result = await tools.call<LeadScoringOutput>("lead_scores", { mode: "lookup", query: "LEAD_00001", limit: 1 }, context("rep"));
    expect(result.model?.id).toBe(trained.id);
    expect(result.leads[0]?.id).toBe("lead_00001");
  });
});
