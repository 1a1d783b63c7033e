import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoKnowledge } from "../../knowledge/demo/seed.js";
import { createEmbedder } from "../../knowledge/create-embedder.js";
import { indexDir, listIndexFiles } from "../../knowledge/index-files.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";
import { createHousekeepingJobs } from "../../src/app/housekeeping/housekeeping-jobs.js";
import { fixedClock } from "../../src/core/clock.js";
import { loadConfig } from "../../src/core/config.js";
import { silentLogger } from "../../src/core/logger.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { DEFAULT_NOW } from "../../src/demo/time.js";
import { createModelsRepo } from "../../src/infra/postgres/models-repo.js";
import { LEAD_MODEL_KIND } from "../../tools/leads/crm-model.js";
import { DEAL_CLOSE_KIND } from "../../tools/pipeline/close-model.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const NOW = DEFAULT_NOW.toISOString();
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(DEFAULT_NOW.getTime() - n * DAY);

describe("housekeeping jobs on PGlite", () => {
  let db: TestDatabase;
  let dataDir: string;
  const embedder = createEmbedder({ kind: "local" });

  function jobs(env: Record<string, string> = {}) {
    const config = loadConfig({ LOG_LEVEL: "silent", SALESGRAPH_DATA_DIR: dataDir, ...env });
    return createHousekeepingJobs({
      pool: db.pool, config, clock: fixedClock(NOW), logger: silentLogger(), models: createModelsRepo(db.pool), embedder,
    });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-housekeeping-"));
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool);
    await new PostgresSaver(db.pool).setup();
  });
  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function conversation(id: string, lastActive: Date, messages: Date[]) {
    await db.pool.query(
      `insert into conversations (id, channel, external_id, tenant, actor_id, actor_role, created_at, updated_at)
       values ($1, 'web', $1, 'default', $1, 'prospect', $2, $2)`,
      [id, lastActive],
    );
    for (const at of messages) {
      await db.pool.query("insert into messages (conversation_id, sender, text, created_at) values ($1, 'user', 'hello', $2)", [id, at]);
    }
    await db.pool.query(
      `insert into checkpoints (thread_id, checkpoint_ns, checkpoint_id, checkpoint, metadata) values ($1, '', '1', '{}', '{}')`,
      [`web:${id}`],
    );
  }

  it("deletes conversation logs past CONVERSATION_RETENTION_DAYS, never one with an open hand-off or a pending approval", async () => {
    await conversation("idle", daysAgo(40), [daysAgo(41), daysAgo(40)]);
    await conversation("handoff", daysAgo(40), [daysAgo(40)]);
    await db.pool.query("insert into handoffs (id, conversation_id, kind, status, summary) values ('h1', 'handoff', 'human', 'claimed', 'call me')");
    await conversation("approval", daysAgo(40), [daysAgo(40)]);
    await db.pool.query(
      `insert into approvals (id, thread_id, interrupt_id, action, summary, payload, requested_by, channel, conversation, before)
       values ('a1', 'web:approval', 'i1', 'send_email', 'send it', '{}', 'rep', 'web', 'approval', '{}')`,
    );
    await conversation("closed-handoff", daysAgo(40), [daysAgo(40)]);
    await db.pool.query("insert into handoffs (id, conversation_id, kind, status, summary) values ('h2', 'closed-handoff', 'human', 'closed', 'done')");
    await conversation("active", daysAgo(1), [daysAgo(45), daysAgo(1)]);

    expect(await jobs({ CONVERSATION_RETENTION_DAYS: "0" }).conversationRetention()).toBeUndefined();
    expect((await db.pool.query("select count(*)::int as n from conversations")).rows[0].n).toBe(5);

    const report = await jobs({ CONVERSATION_RETENTION_DAYS: "30" }).conversationRetention();
    expect(report).toMatchObject({ conversations: 2, messages: 4, checkpoints: 2, cutoff: daysAgo(30).toISOString() });
    const { rows: left } = await db.pool.query<{ id: string; messages: number }>(
      "select c.id, (select count(*)::int from messages m where m.conversation_id = c.id) as messages from conversations c order by c.id",
    );
    expect(left).toEqual([
      { id: "active", messages: 1 },
      { id: "approval", messages: 1 },
      { id: "handoff", messages: 1 },
    ]);
    const { rows: threads } = await db.pool.query<{ thread_id: string }>("select thread_id from checkpoints order by thread_id");
    expect(threads.map((t) => t.thread_id)).toEqual(["web:active", "web:approval", "web:handoff"]);
    expect((await db.pool.query("select id from handoffs where id = 'h2'")).rows).toEqual([]);
  });

  it("retrains the lead and deal-close models, puts a new one in use only if not worse on the held-out split, and records why", async () => {
    const models = createModelsRepo(db.pool);
    const first = await jobs().retrainModels();
    expect(first.map((o) => [o.kind, o.winner])).toEqual([
      [LEAD_MODEL_KIND, "candidate"],
      [DEAL_CLOSE_KIND, "candidate"],
    ]);
    for (const o of first) expect((await models.latest(o.kind))?.id).toBe(o.candidate);

    // the model in use claims a held-out score the retrained one cannot reach: it stays
    const lead = (await models.latest(LEAD_MODEL_KIND))!;
    await db.pool.query("update models set metrics = jsonb_set(metrics, '{rocAuc}', '0.999') where id = $1", [lead.id]);
    const deal = (await models.latest(DEAL_CLOSE_KIND))!;
    await db.pool.query("update models set metrics = jsonb_set(metrics, '{holdout,auc}', '0.999') where id = $1", [deal.id]);

    const second = await jobs().retrainModels();
    expect(second.map((o) => [o.kind, o.winner, o.current])).toEqual([
      [LEAD_MODEL_KIND, "current", lead.id],
      [DEAL_CLOSE_KIND, "current", deal.id],
    ]);
    expect((await models.latest(LEAD_MODEL_KIND))?.id).toBe(lead.id);
    expect((await models.latest(DEAL_CLOSE_KIND))?.id).toBe(deal.id);
    const stored = (await models.list(LEAD_MODEL_KIND)).find((m) => m.id === second[0]!.candidate)!;
    expect(stored.inUse).toBe(false);
    expect(stored.metrics).toMatchObject({ rocAuc: expect.any(Number), promotion: { winner: "current", against: lead.id, againstScore: { auc: 0.999 } } });
    expect(second[0]!.reason).toMatch(/^held-out AUC 0\.\d{4} < 0\.9990 of the model in use$/);
  });

  it("compacts the knowledge index: current files rebuilt from the stored embeddings, stale ones gone, search unchanged", async () => {
    const kb = createKnowledgeBase({ pool: db.pool, dataDir, embedder });
    await seedDemoKnowledge(kb);
    const before = await kb.search("pricing", { k: 3, audience: "public" });
    const dir = indexDir(dataDir);
    const { rows } = await db.pool.query<{ instance: string; version: string }>("select instance, version from kb_state");
    const current = await listIndexFiles(dir, rows[0]!.instance);
    expect(current.length).toBeGreaterThan(0);
    const stale = current[0]!.file.replace(/-v\d+-/, "-v0-");
    fs.copyFileSync(current[0]!.file, stale);
    for (const f of current) fs.utimesSync(f.file, new Date(0), new Date(0));

    const report = await jobs().compactKnowledge();
    expect(report).toMatchObject({ version: Number(rows[0]!.version), removedFiles: 1 });
    expect(report.rebuilt.sort()).toEqual(current.map((f) => f.audience).sort());
    expect(fs.existsSync(stale)).toBe(false);
    for (const f of current) expect(fs.statSync(f.file).mtimeMs).toBeGreaterThan(0);

    const fresh = createKnowledgeBase({ pool: db.pool, dataDir, embedder });
    expect((await fresh.search("pricing", { k: 3, audience: "public" })).map((h) => h.id)).toEqual(before.map((h) => h.id));
  });
});
