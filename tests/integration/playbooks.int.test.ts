import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMarketingWiring, type MarketingWiring } from "../../src/app/marketing-wiring.js";
import { systemClock } from "../../src/core/clock.js";
import { loadConfig } from "../../src/core/config.js";
import type { JobQueue } from "../../src/core/jobs.js";
import { silentLogger } from "../../src/core/logger.js";
import { startPgBossQueue } from "../../src/infra/jobs/pg-boss-queue.js";
import { migrate } from "../../src/infra/postgres/migrate.js";
import { openDatabase, type Database } from "../../src/infra/postgres/pool.js";
import { parseEventStream } from "../../tools/playbooks/stream.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../tools/playbooks/fixtures");
const events = parseEventStream(fs.readFileSync(path.join(FIXTURES, "stream.jsonl"), "utf8"));
const expected: [string, string][] = JSON.parse(fs.readFileSync(path.join(FIXTURES, "expected-firings.json"), "utf8"));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Process {
  db: Database;
  queue: JobQueue;
  marketing: MarketingWiring;
}

/** One serving process: its own database connection (PGlite on disk), job queue and marketing wiring. */
async function startProcess(dataDir: string): Promise<Process> {
  const db = await openDatabase({ dataDir });
  await migrate(db.pool);
  const config = loadConfig({ LOG_LEVEL: "silent", SALESGRAPH_DATA_DIR: dataDir });
  const marketing = createMarketingWiring({ config, pool: db.pool, clock: systemClock, logger: silentLogger(), playbooksFile: path.join(FIXTURES, "playbooks.yaml") });
  const queue = await startPgBossQueue({ db, logger: silentLogger(), pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 });
  await marketing.attach(queue);
  return { db, queue, marketing };
}

/** Replays events in order through the queue, each one processed before the next is sent (a recorded stream). */
async function replay(p: Process, stream: typeof events) {
  for (const e of stream) {
    await p.marketing.ingest(e, "replay");
    await waitFor(`event ${e.id} processed`, async () => ((await p.marketing.store.event(e.id))?.processedAt ? true : undefined));
  }
}

describe("event-driven playbooks through the job queue", () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-playbooks-"));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("fires the expected playbooks exactly once each on a recorded stream replayed across a process restart", async () => {
    // process 1: the CRM rows consent is checked against, then the first half of the stream
    let p = await startProcess(dir);
    await p.db.pool.query(`insert into accounts (id, name, sector, region) values ('pb-a1', 'Playbook Test Co', 'retail', 'East')`);
    for (const c of ["pb-c1", "pb-c2", "pb-c3", "pb-c4", "pb-c5"]) {
      await p.db.pool.query(`insert into contacts (id, account_id, first_name, last_name, email) values ($1, 'pb-a1', 'Test', $1, $1 || '@example.com')`, [c]);
    }
    await p.db.pool.query(`insert into consents (channel, identity, contact_id, status, source) values ('email', 'pb-c4@example.com', 'pb-c4', 'withdrawn', 'test')`);
    await replay(p, events.slice(0, 5));
    // a crash in the middle of ev-06: its firing is claimed, the event stored, but no action ran and no job is left
    await p.marketing.store.recordEvent({ ...events[5]!, source: "replay" });
    await p.marketing.store.claimFiring(
      { eventId: "ev-06", playbookId: "lost-deal-nurture", ruleVersion: 1, configHash: "x", status: "fired", reason: null, contactId: null, actions: [] },
      new Date(),
    );
    await p.queue.stop();
    await p.db.close();

    // process 2, after the restart: the whole stream is delivered again, duplicates included
    p = await startProcess(dir);
    try {
      await replay(p, events);
      const firings = await p.marketing.store.firings();
      const done = firings.filter((f) => f.status === "done").map((f) => [f.eventId, f.playbookId]);
      expect(done.sort()).toEqual([...expected].sort());
      expect(firings.filter((f) => f.status === "suppressed").map((f) => `${f.eventId}:${f.playbookId}`).sort()).toEqual([
        "ev-02:hot-form",
        "ev-04:webinar-follow-up",
        "ev-08:webinar-follow-up",
      ]);
      // every firing records the rule version it ran under
      expect(firings.find((f) => f.playbookId === "hot-form" && f.eventId === "ev-01")!.ruleVersion).toBe(3);

      const q = async (sql: string) => (await p.db.pool.query(sql)).rows;
      expect(await q(`select id, source from marketing_tasks order by id`)).toEqual([
        { id: "ev-01:hot-form:1", source: "playbook:hot-form@v3" },
        { id: "ev-06:lost-deal-nurture:1", source: "playbook:lost-deal-nurture@v1" },
        { id: "ev-07:call-coaching:0", source: "playbook:call-coaching@v1" },
      ]);
      const sends = await q(`select id, channel, status, scheduled_at from marketing_sends order by id`);
      expect(sends.map((s) => `${s.id} ${s.channel} ${s.status}`)).toEqual([
        "ev-01:hot-form:0 rep_alert alerted",
        "ev-03:webinar-follow-up:0 email pending_approval",
        "ev-05:pricing-interest:0 rep_alert alerted",
        "ev-09:webinar-follow-up:0 email pending_approval",
      ]);
      // the send from the 23:30 attendance waits for the end of quiet hours
      expect(new Date(sends[3]!.scheduled_at).toISOString()).toBe("2026-11-06T08:00:00.000Z");
      expect((await q(`select segment from marketing_segment_changes order by id`)).map((r) => r.segment)).toEqual(["webinar-engaged", "nurture", "webinar-engaged"]);
      expect((await q(`select count(*)::int as n from marketing_events where processed_at is not null`))[0].n).toBe(10);
    } finally {
      await p.queue.stop();
      await p.db.close();
    }
  }, 120_000);
});
