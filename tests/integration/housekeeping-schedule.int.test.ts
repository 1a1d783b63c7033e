import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContainer, type Container } from "../../src/app/container.js";
import { JOBS, startJobs } from "../../src/app/jobs-wiring.js";
import { loadConfig } from "../../src/core/config.js";
import type { JobQueue } from "../../src/core/jobs.js";
import { silentLogger } from "../../src/core/logger.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("serve's job wiring schedules the housekeeping jobs", () => {
  let db: TestDatabase;
  let dataDir: string;
  let container: Container;
  let queue: JobQueue;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-schedule-"));
    db = await openTestDatabase("pglite");
    const config = loadConfig({
      LOG_LEVEL: "silent", SALESGRAPH_DATA_DIR: dataDir, INTEL_CONFIG: "/nonexistent/intel.yaml",
      RETRAIN_CRON: "5 1 * * *", KB_COMPACT_CRON: "10 2 * * 6", CONVERSATION_RETENTION_DAYS: "90",
    });
    container = await createContainer(config, { db, logger: silentLogger() });
    queue = await startJobs(container, { pollingIntervalSeconds: 0.5, cronIntervalSeconds: 1 });
  });
  afterAll(async () => {
    await queue?.stop();
    await container?.close();
    await db?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("puts retention, retraining and compaction on their crons next to the inbound-events purge", async () => {
    const { rows } = await db.pool.query<{ name: string; cron: string }>("select name, cron from pgboss.schedule order by name");
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: JOBS.conversationRetention, cron: "0 4 * * *" },
        { name: JOBS.inboundEventsCleanup, cron: "30 3 * * *" },
        { name: JOBS.kbCompact, cron: "10 2 * * 6" },
        { name: JOBS.retrainModels, cron: "5 1 * * *" },
      ]),
    );
  });

  it("counts each run of a housekeeping job in salesgraph_job_runs_total", async () => {
    await queue.send(JOBS.conversationRetention, {});
    const line = await waitFor("the counted run", async () => {
      const text = await container.metrics.registry.metrics();
      return /^salesgraph_job_runs_total\{job="conversation-retention",outcome="ok"\} 1$/m.exec(text)?.[0];
    });
    expect(line).toBeDefined();
  });
});
