import { DAY_MS, isOpenStage, type OpenStage, type PipelineDeal } from "./types.js";

/**
 * A deal as it looked at one moment while still open. Training uses landmark snapshots of closed deals
 * (on entering each stage, then after 7, 14, 30 … days in it while it was still there), so the model
 * answers the question asked of an open deal: given it is in this stage for this long, will it be won?
 */
export interface DealSnapshot {
  deal: PipelineDeal;
  at: number;
  stage: OpenStage;
  stageEnteredAt: number;
}

export const LANDMARK_DAYS = [0, 7, 14, 30, 60, 120, 240] as const;

export function landmarkSnapshots(deal: PipelineDeal): DealSnapshot[] {
  const out: DealSnapshot[] = [];
  for (const span of deal.history) {
    if (!isOpenStage(span.stage) || span.exitedAt === null) continue;
    for (const days of LANDMARK_DAYS) {
      const at = span.enteredAt + days * DAY_MS;
      // a deal that opened and closed the same day still counts once, on entering
      if (days > 0 && at >= span.exitedAt) break;
      out.push({ deal, at, stage: span.stage, stageEnteredAt: span.enteredAt });
    }
  }
  return out;
}

export function currentSnapshot(deal: PipelineDeal, asOf: number): DealSnapshot | undefined {
  if (!isOpenStage(deal.stage)) return undefined;
  return { deal, at: Math.max(asOf, deal.stageEnteredAt), stage: deal.stage, stageEnteredAt: deal.stageEnteredAt };
}

export function wonLabel(deal: Pick<PipelineDeal, "stage">): 0 | 1 {
  return deal.stage === "won" ? 1 : 0;
}

/** Activities logged in [from, to). */
export function countActivities(times: readonly number[], from: number, to: number): number {
  let n = 0;
  for (const t of times) if (t >= from && t < to) n++;
  return n;
}

export function lastActivityBefore(times: readonly number[], at: number): number | null {
  let last: number | null = null;
  for (const t of times) {
    if (t >= at) break;
    last = t;
  }
  return last;
}
