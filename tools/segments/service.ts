import type pg from "pg";
import type { Clock } from "../../src/core/clock.js";
import { matchNames } from "../crm/name-match.js";
import { asOfFor } from "../pipeline/repo.js";
import { buildSegmentation, describeAccount, type AccountSegmentView, type Segmentation } from "./build.js";
import { latestRecord, latestRun, loadSegmentationData, storeSegmentation, type StoredRun } from "./repo.js";

/** Build, store and read account segments; membership and migration risk by account name. */
export interface SegmentsOverview {
  runId: string;
  asOf: string;
  k: number;
  silhouette: number;
  silhouettes: { k: number; silhouette: number }[];
  migrationAuc: number | null;
  builtNow: boolean;
  profiles: StoredRun["profiles"];
}

export function createSegmentsService(deps: { pool: pg.Pool; clock: Clock; buildIfMissing?: boolean }) {
  async function build(options: { k?: number; chooseK?: boolean; asOf?: number; seed?: number } = {}): Promise<Segmentation> {
    const data = await loadSegmentationData(deps.pool);
    const now = deps.clock.now();
    const asOf = options.asOf ?? asOfFor(latestRecord(data), now.getTime()).asOf;
    const previous = await latestRun(deps.pool);
    const seg = buildSegmentation(data, {
      asOf,
      runId: `seg-${now.toISOString().replace(/[^0-9]/g, "").slice(0, 17)}`,
      builtAt: now.toISOString(),
      k: options.k,
      chooseK: options.chooseK,
      seed: options.seed,
      previous: previous?.model,
    });
    await storeSegmentation(deps.pool, seg);
    return seg;
  }

  async function current(): Promise<{ run: StoredRun; builtNow: boolean } | undefined> {
    const run = await latestRun(deps.pool);
    if (run) return { run, builtNow: false };
    if (deps.buildIfMissing === false) return undefined;
    const accounts = await deps.pool.query("select 1 from accounts limit 1");
    if (!accounts.rowCount) return undefined;
    await build();
    const built = await latestRun(deps.pool);
    return built && { run: built, builtNow: true };
  }

  return {
    build,

    async overview(): Promise<SegmentsOverview | undefined> {
      const c = await current();
      if (!c) return undefined;
      const m = c.run.model;
      return {
        runId: m.runId,
        asOf: m.asOf,
        k: m.k,
        silhouette: m.silhouette,
        silhouettes: m.silhouettes,
        migrationAuc: m.migration.holdoutAuc,
        builtNow: c.builtNow,
        profiles: c.run.profiles,
      };
    },

    /** Accounts the text names (fuzzy), each with its segment now and its migration risk. */
    async lookup(text: string, options: { asOf?: number } = {}): Promise<{ runId: string | null; accounts: AccountSegmentView[]; matched: string[] }> {
      const c = await current();
      if (!c) return { runId: null, accounts: [], matched: [] };
      const data = await loadSegmentationData(deps.pool);
      const matched = matchNames(text, data.accounts.map((a) => a.name)).map((m) => m.name).slice(0, 3);
      const asOf = options.asOf ?? Date.parse(c.run.model.asOf);
      const views = matched
        .map((name) => data.accounts.find((a) => a.name === name)!)
        .map((a) => describeAccount(c.run.model, data, a.id, asOf))
        .filter((v): v is AccountSegmentView => v !== undefined);
      return { runId: c.run.model.runId, accounts: views, matched };
    },

    /**
     * Churn and migration risk: the accounts most likely to move out of their segment next period, leaving
     * aside moves toward a more valuable segment, most likely first, each with reasons and actions.
     */
    async atRisk(limit = 10): Promise<{ runId: string | null; asOf: string | null; accounts: AccountSegmentView[] }> {
      const c = await current();
      if (!c) return { runId: null, asOf: null, accounts: [] };
      const data = await loadSegmentationData(deps.pool);
      const asOf = Date.parse(c.run.model.asOf);
      const views = data.accounts
        .map((a) => describeAccount(c.run.model, data, a.id, asOf))
        .filter((v): v is AccountSegmentView => v !== undefined && v.migration.direction !== "up")
        .sort((a, b) => b.migration.probability - a.migration.probability || a.account.localeCompare(b.account));
      return { runId: c.run.model.runId, asOf: c.run.model.asOf, accounts: views.slice(0, limit) };
    },
  };
}

export type SegmentsService = ReturnType<typeof createSegmentsService>;
