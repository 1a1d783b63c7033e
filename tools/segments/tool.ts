import type pg from "pg";
import type { Clock } from "../../src/core/clock.js";
import { defineTool } from "../registry.js";
import type { AccountSegmentView } from "./build.js";
import { SegmentInsightInput } from "./schema.js";
import { createSegmentsService, type SegmentsOverview, type SegmentsService } from "./service.js";

export type SegmentInsightOutput =
  | { kind: "account"; runId: string | null; accounts: AccountSegmentView[] }
  | { kind: "profiles"; overview: SegmentsOverview | null }
  | { kind: "at_risk"; runId: string | null; asOf: string | null; accounts: AccountSegmentView[] };

/** A churn or migration-risk question that names no account. */
export const CHURN_QUESTION = /\b(?:churn\w*|at[- ]risk|migrat\w*|likely to (?:leave|downgrade|drop|move)|losing|slipping away|retention)\b/i;

/** Internal: segment profiles, or the segment and migration risk of the account named. Builds segments on first use. */
export function createSegmentInsightTool(deps: { pool: pg.Pool; clock: Clock; service?: SegmentsService }) {
  const service = deps.service ?? createSegmentsService({ pool: deps.pool, clock: deps.clock });
  return defineTool({
    name: "segment_insight",
    description:
      "Account segments: profiles of every segment (size, value, sectors, regions, channels, behaviour, messaging), or for an account named in the query its segment, migration risk next period, reasons and retention actions.",
    audience: "internal",
    schema: SegmentInsightInput,
    run: async (input): Promise<SegmentInsightOutput> => {
      const text = input.account ?? input.query ?? "";
      if (text) {
        const found = await service.lookup(text);
        if (found.accounts.length > 0 || input.account) return { kind: "account", runId: found.runId, accounts: found.accounts };
      }
      if (input.atRisk ?? CHURN_QUESTION.test(text)) return { kind: "at_risk", ...(await service.atRisk(input.limit ?? 10)) };
      return { kind: "profiles", overview: (await service.overview()) ?? null };
    },
  });
}
