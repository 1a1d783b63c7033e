import type pg from "pg";
import type { Clock } from "../../core/clock.js";
import type { Config } from "../../core/config.js";
import type { Logger } from "../../core/logger.js";
import type { ModelsRepo } from "../../infra/postgres/models-repo.js";
import { createRetentionRepo, type RetentionReport } from "../../infra/postgres/retention-repo.js";
import { compactKnowledgeIndex, type CompactReport } from "../../../knowledge/compact-index.js";
import type { Embedder } from "../../../knowledge/embedder.js";
import { createRetrainJob } from "./retrain-models.js";

const DAY_MS = 86_400_000;

export interface HousekeepingDeps {
  pool: pg.Pool;
  config: Pick<Config, "jobs"> & { database: Pick<Config["database"], "dataDir"> };
  clock: Clock;
  logger: Logger;
  models: ModelsRepo;
  /** The embedder the knowledge base uses (its id names the index files). */
  embedder: Embedder;
}

/** The handlers of the scheduled housekeeping jobs; jobs-wiring registers and schedules them. */
export function createHousekeepingJobs(deps: HousekeepingDeps) {
  const { config, clock, logger } = deps;
  const retention = createRetentionRepo(deps.pool);
  return {
    /** CONVERSATION_RETENTION_DAYS; 0 keeps every conversation (the job then does nothing). */
    async conversationRetention(): Promise<(RetentionReport & { cutoff: string }) | undefined> {
      const days = config.jobs.conversationRetentionDays;
      if (days === 0) return undefined;
      const cutoff = new Date(clock.now().getTime() - days * DAY_MS);
      const report = await retention.purgeBefore(cutoff);
      logger.info({ ...report, cutoff: cutoff.toISOString(), days }, "conversation logs past retention deleted");
      return { ...report, cutoff: cutoff.toISOString() };
    },

    retrainModels: createRetrainJob({ pool: deps.pool, models: deps.models, clock, logger }),

    async compactKnowledge(): Promise<CompactReport> {
      const report = await compactKnowledgeIndex({ pool: deps.pool, dataDir: config.database.dataDir, embedder: deps.embedder, logger });
      logger.info({ ...report }, "knowledge index compacted");
      return report;
    },
  };
}

export type HousekeepingJobs = ReturnType<typeof createHousekeepingJobs>;
