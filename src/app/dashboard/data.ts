import type pg from "pg";
import type { Digest } from "../../../tools/intel/digest.js";
import { scoreOpenLeads, type StoredLeadScore } from "../../../tools/leads/persist-scores.js";
import { parsePeriod } from "../../../tools/pipeline/period.js";
import type { PipelineReview } from "../../../tools/pipeline/review.js";
import { createPipelineService } from "../../../tools/pipeline/service.js";
import { describeAccount } from "../../../tools/segments/build.js";
import { latestRun, loadSegmentationData } from "../../../tools/segments/repo.js";
import { createSegmentsService, type SegmentsOverview } from "../../../tools/segments/service.js";
import type { ApprovalRecord } from "../../core/approvals.js";
import type { Clock } from "../../core/clock.js";
import type { Logger } from "../../core/logger.js";
import type { DashboardQuery, Filters } from "./filters.js";
import * as q from "./queries.js";

/** What the dashboard reads besides SQL: the services of the composition root. */
export interface DashboardSources {
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  digest(since: string): Promise<Digest>;
  pendingApprovals(): Promise<ApprovalRecord[]>;
  openHandoffs(): Promise<{ id: string; kind: string; status: string; summary: string; channel: string; conversationId: string; createdAt: Date; heldBy: string | null }[]>;
}

const MODEL_TTL_MS = 5 * 60_000;

/**
 * Page data. Counts come from SQL (queries.ts); model outputs — close probabilities, the Monte-Carlo forecast,
 * at-risk reasons, lead scores, segment migration risk — from the pipeline, leads and segments services, kept
 * for five minutes per filter so a page view does not re-simulate the forecast.
 */
export function createDashboardData(src: DashboardSources) {
  const pipeline = createPipelineService({ pool: src.pool, clock: src.clock });
  const segments = createSegmentsService({ pool: src.pool, clock: src.clock });
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();

  function memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = src.clock.now().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < MODEL_TTL_MS) return hit.value as Promise<T>;
    const value = load();
    cache.set(key, { at: now, value });
    value.catch(() => cache.delete(key));
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
    return value;
  }

  async function filters(query: DashboardQuery): Promise<Filters> {
    const { asOf } = await q.crmAsOf(src.pool, src.clock.now().getTime());
    const p = parsePeriod(query.period, asOf);
    return { rep: query.rep, region: query.region, asOf, period: { label: p.label, text: query.period, start: p.start, end: p.end } };
  }

  function review(f: Filters): Promise<PipelineReview> {
    return memo(`review|${f.rep}|${f.region}|${f.period.label}|${f.asOf}`, () =>
      pipeline.review({ period: f.period.text, scope: { ...(f.rep ? { rep: f.rep } : {}), ...(f.region ? { region: f.region } : {}) }, asOf: f.asOf, iterations: 2000, listLimit: 15 }),
    );
  }

  function leadScores(): Promise<Map<string, StoredLeadScore>> {
    return memo("lead-scores", async () => new Map(((await scoreOpenLeads(src.pool, src.clock))?.scores ?? []).map((s) => [s.id, s])));
  }

  function segmentRisk(): Promise<{ overview: SegmentsOverview; risk: Map<string, number> } | undefined> {
    return memo("segments", async () => {
      const overview = await segments.overview();
      if (!overview) return undefined;
      const run = await latestRun(src.pool);
      const data = await loadSegmentationData(src.pool);
      const risk = new Map<string, number>();
      for (const a of data.accounts) {
        const view = run && describeAccount(run.model, data, a.id, Date.parse(overview.asOf));
        if (view) risk.set(a.id, view.migration.probability);
      }
      return { overview, risk };
    });
  }

  return {
    filters,
    options: () => q.filterOptions(src.pool),

    async pipeline(f: Filters) {
      const [stages, trends, r] = await Promise.all([q.openStages(src.pool, f), q.monthlyTrends(src.pool, f), review(f)]);
      const weighted = new Map(r.stages.map((s) => [s.stage, s.weighted]));
      return {
        stages: stages.map((s) => ({ ...s, weighted: Math.round(weighted.get(s.stage as never) ?? 0) })),
        review: r,
        trends,
      };
    },

    async leads(f: Filters) {
      const scores = await leadScores();
      const [distribution, sources, hottest] = await Promise.all([
        q.scoreDistribution(src.pool, f),
        q.conversionBySource(src.pool, f),
        src.pool.query(
          `select l.id, l.name, l.company, l.source, r.name as owner, l.lead_score from leads l left join reps r on r.id = l.owner_rep_id
            where l.converted is null and l.status not in ('converted', 'disqualified') and l.lead_score is not null
              and ($1::text is null or r.name = $1) and ($2::text is null or r.region = $2)
            order by l.lead_score desc, l.id limit 10`,
          [f.rep ?? null, f.region ?? null],
        ),
      ]);
      return {
        distribution,
        sources,
        hottest: hottest.rows.map((row) => ({ ...row, lead_score: Number(row.lead_score), topFactors: scores.get(row.id)?.topFactors ?? [] })),
      };
    },

    async segments(f: Filters) {
      const seg = await segmentRisk();
      if (!seg) return undefined;
      const sizes = await q.segmentSizes(src.pool, f, seg.overview.runId);
      const members = await src.pool.query<{ account_id: string; segment_id: string }>("select account_id, segment_id from segment_memberships where run_id = $1", [seg.overview.runId]);
      return {
        runId: seg.overview.runId,
        asOf: seg.overview.asOf,
        migrationAuc: seg.overview.migrationAuc,
        segments: sizes.map((s) => {
          const profile = seg.overview.profiles.find((p) => p.key === s.key);
          const ids = members.rows.filter((m) => m.segment_id === s.segmentId).map((m) => m.account_id);
          const risks = ids.map((id) => seg.risk.get(id)).filter((p): p is number => p !== undefined);
          const atRisk = ids.filter((id) => (seg.risk.get(id) ?? 0) >= 0.5);
          return {
            ...s,
            averageLifetimeValue: Math.round(profile?.averageLifetimeValue ?? 0),
            value: Math.round((profile?.averageLifetimeValue ?? 0) * s.accounts),
            winRate: profile?.winRate ?? 0,
            meanMigrationRisk: risks.length ? Math.round((risks.reduce((a, b) => a + b, 0) / risks.length) * 1000) / 1000 : 0,
            atRiskIds: atRisk,
            messaging: profile?.messaging ?? "",
          };
        }),
      };
    },

    intel: (since: string) => src.digest(since),

    async conversations(f: Filters) {
      const start = new Date(f.period.start);
      const end = new Date(f.period.end);
      const [volume, optOuts, handoffs, approvals] = await Promise.all([
        q.conversationVolume(src.pool, start, end),
        q.optOuts(src.pool, start, end),
        src.openHandoffs(),
        src.pendingApprovals(),
      ]);
      return { volume, optOuts, handoffs, approvals, start, end };
    },

    content: () => q.contentExperiments(src.pool),

    /** Warms the default view's model figures in the background after start-up. */
    async warm(): Promise<void> {
      const f = await filters({ period: "this quarter", rep: undefined, region: undefined });
      await Promise.all([review(f), leadScores(), segmentRisk()]);
    },
  };
}

export type DashboardData = ReturnType<typeof createDashboardData>;
