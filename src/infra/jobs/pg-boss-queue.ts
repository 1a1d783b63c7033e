import PgBoss from "pg-boss";
import { boundedPoolConfig } from "../postgres/pool.js";
import type { JobData, JobHandler, JobQueue } from "../../core/jobs.js";
import type { Logger } from "../../core/logger.js";
import type { Database } from "../postgres/pool.js";

export interface PgBossQueueOptions {
  db: Database;
  logger: Logger;
  /** How often an idle worker looks for jobs. */
  pollingIntervalSeconds?: number;
  /** How often cron schedules are checked and how often their due jobs are moved to their queue (1..45). */
  cronIntervalSeconds?: number;
  /** Attempts after the first, with exponential backoff from retryDelaySeconds. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job still active after this long is taken to have died with its process and is retried. */
  expireInSeconds?: number;
}

/**
 * The JobQueue port on pg-boss, in the application's own database (schema `pgboss`). On PostgreSQL pg-boss
 * keeps a small pool of its own. PGlite is a single session, so there pg-boss sends its statements through
 * the application's one-connection pool instead (its multi-statement transactions are single queries, so
 * they never interleave with the application's); tried and working with pg-boss 10.4.2 on PGlite 0.5.14.
 */
export async function startPgBossQueue(options: PgBossQueueOptions): Promise<JobQueue> {
  const { db, logger } = options;
  const common = {
    schema: "pgboss",
    cronMonitorIntervalSeconds: options.cronIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: options.cronIntervalSeconds ?? 5,
    retryLimit: options.retryLimit ?? 3,
    retryDelay: options.retryDelaySeconds ?? 30,
    retryBackoff: true,
    expireInSeconds: options.expireInSeconds ?? 15 * 60,
    application_name: "salesgraph-jobs",
  };
  const boss =
    db.kind === "pglite"
      ? new PgBoss({ ...common, db: { executeSql: (text: string, values: unknown[]) => db.pool.query(text, values as unknown[]) } })
      : // the queue's own pool gets the same bounds as ours, so a hung database cannot hang it either
        new PgBoss({ ...common, ...(boundedPoolConfig(db.url, { poolMax: 4 }) as { connectionString: string; max: number }) });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();

  const queues = new Set<string>();
  async function ensureQueue(name: string) {
    if (queues.has(name)) return;
    // Processes starting together create the same queues at once; pg-boss 10's create_queue (a partition per
    // queue) then deadlocks or races on PostgreSQL (seen with two workers). The loser retries and finds it made.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await boss.createQueue(name, {
          name,
          retryLimit: common.retryLimit,
          retryDelay: common.retryDelay,
          retryBackoff: true,
          expireInSeconds: common.expireInSeconds,
        });
        break;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 6 || (code !== "40P01" && code !== "23505" && code !== "42P07")) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * attempt));
      }
    }
    queues.add(name);
  }
  const polling = options.pollingIntervalSeconds ?? 2;
  let stopped = false;

  return {
    kind: db.kind === "pglite" ? "pg-boss (PGlite)" : "pg-boss",
    async schedule(name, cron, data = {}) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data, { tz: "UTC" });
    },
    async send(name, data = {}) {
      await ensureQueue(name);
      return boss.send(name, data);
    },
    async work<T extends JobData>(name: string, handler: JobHandler<T>) {
      await ensureQueue(name);
      await boss.work<T>(name, { pollingIntervalSeconds: polling, batchSize: 1, includeMetadata: true }, async (jobs) => {
        for (const job of jobs) {
          const started = performance.now();
          try {
            await handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount });
            logger.info({ job: name, id: job.id, ms: Math.round(performance.now() - started) }, "job done");
          } catch (error) {
            logger.warn({ job: name, id: job.id, retry: job.retryCount, err: error }, "job failed; pg-boss retries it with backoff");
            throw error;
          }
        }
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: true });
    },
  };
}
