import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/clock.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { createModelsRepo } from "../../src/infra/postgres/models-repo.js";
import { crmTable, LEAD_MODEL_KIND, loadCrmLeads } from "../../tools/leads/crm-model.js";
import { csvLine } from "../../tools/leads/csv.js";
import { createLeadScoringTool, type LeadScoringOutput } from "../../tools/leads/tool.js";
import { trainLeadModel } from "../../tools/leads/trainer.js";
import { ToolRegistry } from "../../tools/registry.js";
import { runCli } from "../helpers/cli.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const NOW = "2026-11-01T00:00:00Z";
const context = { actor: { id: "u", role: "rep" as const, tenant: "demo" }, channel: "slack" as const, conversationId: "c" };

describe("the models registry: a promoted lead model scores the CRM's leads in chat, and rollback restores the one before", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool, { seed: 7, now: new Date(NOW) });
  }, 60_000);
  afterAll(async () => db?.dispose());

  it("registers without putting in use, promotes, and rolls back", async () => {
    const clock = fixedClock(NOW);
    const tools = new ToolRegistry([createLeadScoringTool({ pool: db.pool, clock })]);
    const first = await tools.call<LeadScoringOutput>("lead_scores", { mode: "top", limit: 3 }, context);
    const builtIn = first.model!.id;

    const labelled = await loadCrmLeads(db.pool, new Date(NOW), "l.converted is not null", [], "order by l.id");
    const table = crmTable(labelled);
    const { model } = trainLeadModel(table, { target: table.header.at(-1)!, positive: "true", exclude: [table.header[0]!], trees: false });
    expect(model.ignored).toContainEqual({ name: table.header[0], reason: "excluded" });
    const repo = createModelsRepo(db.pool);
    const id = await repo.register({ kind: LEAD_MODEL_KIND, name: "from a CSV", dataHash: "abc123", artefact: model, metrics: { auc: model.metrics.holdout.rocAuc } });
    expect((await repo.latest(LEAD_MODEL_KIND))?.id).toBe(builtIn);

    expect(await repo.promote(id)).toBe(LEAD_MODEL_KIND);
    const promoted = await tools.call<LeadScoringOutput>("lead_scores", { mode: "top", limit: 3 }, context);
    expect(promoted.model!.id).toBe(id);
    const listed = await repo.list(LEAD_MODEL_KIND);
    expect(listed.find((m) => m.id === id)).toMatchObject({ inUse: true, dataHash: "abc123" });
    expect(listed.find((m) => m.id === builtIn)).toMatchObject({ inUse: false });

    expect(await repo.rollback(LEAD_MODEL_KIND)).toEqual({ undone: id, now: builtIn });
    expect((await tools.call<LeadScoringOutput>("lead_scores", { mode: "top", limit: 3 }, context)).model!.id).toBe(builtIn);
    expect(await repo.rollback(LEAD_MODEL_KIND)).toBeUndefined();
  }, 120_000);
});

describe("salesgraph leads train --register, models list | promote | rollback", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-models-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const env = { SALESGRAPH_DATA_DIR: path.join(tmp, "data") };

  it("registers a trained model, lists it with its data hash, promotes it and rolls the promotion back", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => {
      const visits = (i * 7) % 13;
      return [String(1000 + i), i % 3 === 0 ? "referral" : "web", String(visits), visits > 6 === (i % 5 !== 0) ? "1" : "0"];
    });
    const data = path.join(tmp, "leads.csv");
    fs.writeFileSync(data, [csvLine(["Lead Number", "source", "visits", "converted"]), ...rows.map((r) => csvLine(r))].join("\n") + "\n");
    const train = await runCli(["leads", "train", "--data", data, "--target", "converted", "--out", path.join(tmp, "m.json"), "--register", "--exclude", "source"], { env, timeoutMs: 120_000 });
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);
    expect(train.stdout).toContain("warning: column Lead Number ignored (identifier)");
    const id = /registered as model (\S+)/.exec(train.stdout)![1]!;

    const list = await runCli(["models", "list", "--kind", LEAD_MODEL_KIND], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^  ${LEAD_MODEL_KIND}\\s+${id}.* data [0-9a-f]{12}`, "m"));

    expect((await runCli(["models", "promote", id], { env })).stdout).toContain(`model ${id} is now the ${LEAD_MODEL_KIND} model in use`);
    expect((await runCli(["models", "list"], { env })).stdout).toMatch(new RegExp(`^\\* ${LEAD_MODEL_KIND}\\s+${id}`, "m"));
    const rollback = await runCli(["models", "rollback", LEAD_MODEL_KIND], { env });
    expect(rollback.stdout).toContain(`rolled back ${id}`);
    const again = await runCli(["models", "rollback", LEAD_MODEL_KIND], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/no promotion of kind/);
    const unknown = await runCli(["models", "promote", "nope"], { env });
    expect(unknown.code).toBe(2);
  }, 240_000);
});
