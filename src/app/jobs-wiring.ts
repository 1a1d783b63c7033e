import type { JobQueue } from "../core/jobs.js";
import { createInboundEventsRepo } from "../infra/postgres/inbound-events-repo.js";
import { startPgBossQueue, type PgBossQueueOptions } from "../infra/jobs/pg-boss-queue.js";
import { embedderFor, type Container } from "./container.js";
import { createHousekeepingJobs } from "./housekeeping/housekeeping-jobs.js";
import { countJobRuns } from "./job-metrics.js";

/** Every scheduled or queued job, by name: the one list to extend (follow-ups, retraining…). */
export const JOBS = {
  intelFetch: "intel-fetch",
  intelFetchSource: "intel-fetch-source",
  intelDigest: "intel-digest",
  inboundEventsCleanup: "inbound-events-cleanup",
  conversationRetention: "conversation-retention",
  retrainModels: "retrain-models",
  kbCompact: "kb-compact",
} as const;

const DAY_MS = 86_400_000;

/**
 * Starts the job queue for a serving process and registers its workers and schedules. Every process runs the
 * same workers; pg-boss hands each job to one of them and moves each cron slot to its queue once, so N
 * processes fetch each source once per scheduled run.
 *
 * - intel-fetch (INTEL_FETCH_CRON): re-reads config/intel.yaml, then queues one intel-fetch-source per source,
 *   so sources are fetched in parallel across processes and a failing one fails alone.
 * - intel-digest (INTEL_DIGEST_CRON, when a Slack channel or Teams conversation is configured): the weekly digest.
 * - inbound-events-cleanup (daily 03:30 UTC): forgets webhook event ids older than INBOUND_EVENTS_RETENTION_DAYS.
 * - conversation-retention (daily 04:00 UTC, unless CONVERSATION_RETENTION_DAYS=0): deletes conversation logs
 *   past retention, never one with an open hand-off or a pending approval.
 * - retrain-models (RETRAIN_CRON): retrains the lead and deal-close models; a new one is put in use only if not worse.
 * - kb-compact (KB_COMPACT_CRON): rebuilds the knowledge vector index files from the database, drops stale ones.
 * Every handler's runs and failures are counted (salesgraph_job_runs_total, salesgraph_job_failures_total).
 */
export async function startJobs(container: Container, options: Partial<Omit<PgBossQueueOptions, "db" | "logger">> = {}): Promise<JobQueue> {
  const { config, logger, clock, intel } = container;
  await intel.service.syncConfig();
  const queue = countJobRuns(await startPgBossQueue({ db: container.db, logger, ...options }), container.metrics);
  try {
    await queue.work(JOBS.intelFetch, async () => {
      await intel.service.syncConfig();
      const sources = await intel.service.store.listSources();
      for (const s of sources) await queue.send(JOBS.intelFetchSource, { sourceId: s.id });
      logger.info({ sources: sources.length }, "intel fetch run queued");
    });
    await queue.work<{ sourceId: string }>(JOBS.intelFetchSource, async ({ sourceId }) => {
      const source = await intel.service.store.getSource(sourceId);
      if (source) await intel.service.watcher.fetchSource(source);
    });
    await queue.work<{ since?: string }>(JOBS.intelDigest, async ({ since }) => {
      const sent = await intel.publishDigest(since ?? "7d");
      logger.info({ sent }, "intel digest published");
    });
    const events = createInboundEventsRepo(container.db.pool);
    await queue.work(JOBS.inboundEventsCleanup, async () => {
      const cutoff = new Date(clock.now().getTime() - config.jobs.inboundEventsRetentionDays * DAY_MS);
      const deleted = await events.purgeBefore(cutoff);
      logger.info({ deleted, cutoff: cutoff.toISOString() }, "old inbound events deleted");
    });
    const housekeeping = createHousekeepingJobs({
      pool: container.db.pool, config, clock, logger, models: container.repos.models, embedder: embedderFor(config),
    });
    await queue.work(JOBS.conversationRetention, async () => {
      await housekeeping.conversationRetention();
    });
    await queue.work(JOBS.retrainModels, async () => {
      await housekeeping.retrainModels();
    });
    await queue.work(JOBS.kbCompact, async () => {
      await housekeeping.compactKnowledge();
    });

    // marketing events (POST /api/events, chat turns): each processed once per event id (tools/playbooks)
    await container.marketing.attach(queue);

    await queue.schedule(JOBS.intelFetch, config.intel.fetchCron);
    if (config.intel.digestSlackChannel || config.intel.digestTeamsConversation) {
      await queue.schedule(JOBS.intelDigest, config.intel.digestCron, { since: "7d" });
    }
    await queue.schedule(JOBS.inboundEventsCleanup, "30 3 * * *");
    if (config.jobs.conversationRetentionDays > 0) await queue.schedule(JOBS.conversationRetention, "0 4 * * *");
    await queue.schedule(JOBS.retrainModels, config.jobs.retrainCron);
    await queue.schedule(JOBS.kbCompact, config.jobs.kbCompactCron);
  } catch (error) {
    await queue.stop().catch(() => undefined);
    throw error;
  }
  logger.info({ queue: queue.kind }, "job queue started");
  return queue;
}
