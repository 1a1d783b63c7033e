import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSegmentInsightNode } from "../../agents/sales-assistant/nodes/segment-insight.js";
import { fixedClock } from "../../src/core/clock.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { createSegmentInsightTool, type SegmentInsightOutput } from "../../tools/segments/tool.js";
import { ToolRegistry } from "../../tools/registry.js";
import { oneMessageState } from "../helpers/graph-state.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const NOW = "2026-11-01T00:00:00Z";

describe("churn and migration-risk questions name the accounts at risk", () => {
  let db: TestDatabase;
  let tools: ToolRegistry;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool, { seed: 7, now: new Date(NOW) });
    tools = new ToolRegistry([createSegmentInsightTool({ pool: db.pool, clock: fixedClock(NOW) })]);
  }, 60_000);
  afterAll(async () => db?.dispose());

  it("lists the top accounts by migration risk, none heading up, with reasons and an action", async () => {
    const context = { actor: { id: "u", role: "manager" as const, tenant: "demo" }, channel: "slack" as const, conversationId: "c" };
    const out = await tools.call<SegmentInsightOutput>("segment_insight", { query: "Who is at risk of churning?", limit: 5 }, context);
    expect(out.kind).toBe("at_risk");
    if (out.kind !== "at_risk") return;
    expect(out.accounts.length).toBeGreaterThan(0);
    expect(out.accounts.length).toBeLessThanOrEqual(5);
    const p = out.accounts.map((a) => a.migration.probability);
    expect([...p].sort((a, b) => b - a)).toEqual(p);
    for (const a of out.accounts) expect(a.migration.direction).not.toBe("up");

    const node = createSegmentInsightNode({ tools });
    const answer = await node(oneMessageState("which accounts are likely to churn?", { role: "manager", actorId: "m", channel: "slack", conversationId: "c-1" }));
    expect(answer.reply).toMatch(/^Accounts most at risk of leaving their segment in the next \d+ days \(as of \d{4}-\d{2}-\d{2}\):/);
    expect(answer.reply).toContain(`1. ${out.accounts[0]!.account} — `);
    expect(answer.reply).toMatch(/likely to move from .+ to .+\. .*Do: /);
  }, 180_000);
});
