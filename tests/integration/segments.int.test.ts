import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSegmentInsightNode } from "../../agents/sales-assistant/nodes/segment-insight.js";
import type { SalesStateType } from "../../agents/sales-assistant/state.js";
import { fixedClock } from "../../src/core/clock.js";
import type { Role } from "../../src/core/domain.js";
import { generateDemoData } from "../../src/demo/generate.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { DEFAULT_NOW } from "../../src/demo/time.js";
import { ToolRegistry } from "../../tools/registry.js";
import { createSegmentsService } from "../../tools/segments/service.js";
import { createSegmentInsightTool } from "../../tools/segments/tool.js";
import { runCliInProcess } from "../helpers/cli.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { oneMessageState } from "../helpers/graph-state.js";

const kinds = await databaseKinds();

const cli = runCliInProcess;

function state(text: string, role: Role = "manager"): SalesStateType {
  return oneMessageState(text, { role, conversationId: "segments-test" });
}

describe.each(kinds)("segments on the demo CRM (%s)", (kind) => {
  let db: TestDatabase;
  const clock = fixedClock(DEFAULT_NOW.toISOString());
  let service: ReturnType<typeof createSegmentsService>;
  let tools: ToolRegistry;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemoData(db.pool);
    service = createSegmentsService({ pool: db.pool, clock });
    tools = new ToolRegistry([createSegmentInsightTool({ pool: db.pool, clock, service })]);
  });
  afterAll(async () => db?.dispose());

  it("stores one row per segment and one membership per account", async () => {
    const seg = await service.build();
    expect(seg.model.k).toBeGreaterThanOrEqual(3);
    expect(seg.model.silhouettes.find((s) => s.k === seg.model.k)!.silhouette).toBe(Math.max(...seg.model.silhouettes.map((s) => s.silhouette)));
    const accounts = await db.pool.query("select count(*)::int as n from accounts");
    const segments = await db.pool.query("select count(*)::int as n from segments where run_id = $1", [seg.model.runId]);
    const members = await db.pool.query("select count(*)::int as n from segment_memberships where run_id = $1", [seg.model.runId]);
    expect(segments.rows[0].n).toBe(seg.model.k);
    expect(members.rows[0].n).toBe(accounts.rows[0].n);
    expect(seg.profiles.reduce((s, p) => s + p.size, 0)).toBe(accounts.rows[0].n);
    for (const p of seg.profiles) {
      expect(p.dominantSectors.length).toBeGreaterThan(0);
      expect(p.preferredChannels.length).toBeGreaterThan(0);
      expect(p.messaging.length).toBeGreaterThan(20);
    }
  });

  it("keeps every account's label on a rebuild", async () => {
    const labelsOf = async (runId: string) =>
      Object.fromEntries(
        (
          await db.pool.query("select m.account_id, s.label from segment_memberships m join segments s on s.id = m.segment_id where m.run_id = $1", [runId])
        ).rows.map((r) => [r.account_id, r.label]),
      );
    const runs = (await db.pool.query("select distinct run_id from segments order by run_id")).rows.map((r) => r.run_id as string);
    clock.advance(60_000);
    const again = await service.build();
    expect(again.model.runId).not.toBe(runs[runs.length - 1]);
    expect(await labelsOf(again.model.runId)).toEqual(await labelsOf(runs[runs.length - 1]!));
  });

  it("answers which segment an account is in, with migration risk, reasons and retention actions", async () => {
    const { rows } = await db.pool.query("select name from accounts order by id limit 1");
    const name = rows[0].name as string;
    const update = await createSegmentInsightNode({ tools })(state(`which segment is ${name.toLowerCase()} in?`, "rep"));
    expect(update.reply).toMatch(new RegExp(`^${name} is in .+\\.`));
    expect(update.reply).toMatch(/Migration risk: \d+% that it sits in another segment in 90 days/);
    expect(update.reply).toMatch(/Retention actions: /);
  });

  it("describes the segments, and refuses prospects", async () => {
    const node = createSegmentInsightNode({ tools });
    const described = await node(state("describe our segments"));
    expect(described.reply).toMatch(/^\d+ account segments/);
    expect(described.reply).toMatch(/Messaging: /);
    const refused = await node(state("describe our segments", "prospect"));
    expect(refused.reply).not.toMatch(/segments \(as of/);
  });
});

describe("salesgraph segments build | show", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "salesgraph-segments-"));
  const env = { SALESGRAPH_DATA_DIR: path.join(tmp, "data") };
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("refuses to show before a build, then builds and shows an account's membership", async () => {
    const early = await cli(["segments", "show"], env);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/no segments built yet/);
    expect((await cli(["seed"], env)).code).toBe(0);
    const built = await cli(["segments", "build"], env);
    expect(built.stderr).toBe("");
    expect(built.stdout).toMatch(/^\d segments as of \d{4}-\d{2}-\d{2} .*mean silhouette 0\.\d{3}/);
    const account = generateDemoData().accounts[0]!.name;
    const shown = await cli(["segments", "show", "--account", account.toUpperCase()], env);
    expect(shown.stderr).toBe("");
    expect(shown.stdout).toMatch(new RegExp(`^${account} is in .+\\.\nMigration risk: \\d+%`));
  });
});
