import type { PipelineDeal } from "./types.js";

/**
 * Win/loss records of reps and accounts as they stood at a given moment. Only deals closed strictly before
 * that moment count, so a deal's own outcome, or any later one, never leaks into its features.
 */
export interface OutcomeCounts {
  closed: number;
  won: number;
}

interface Timeline {
  times: number[];
  /** wonBefore[i] = wins among the first i closings. */
  wonBefore: number[];
}

export interface OutcomeHistory {
  before(key: string, at: number): OutcomeCounts;
}

export const ALL = "*";

function lowerBound(times: readonly number[], at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index closings by `rep:ID`, `account:ID` and `*` (everyone). */
export function buildOutcomeHistory(deals: readonly Pick<PipelineDeal, "stage" | "closedAt" | "repId" | "accountId">[]): OutcomeHistory {
  const events = new Map<string, { at: number; won: boolean }[]>();
  const add = (key: string, at: number, won: boolean) => {
    const list = events.get(key);
    if (list) list.push({ at, won });
    else events.set(key, [{ at, won }]);
  };
  for (const d of deals) {
    if ((d.stage !== "won" && d.stage !== "lost") || d.closedAt === null) continue;
    const won = d.stage === "won";
    add(ALL, d.closedAt, won);
    add(`rep:${d.repId}`, d.closedAt, won);
    add(`account:${d.accountId}`, d.closedAt, won);
  }
  const timelines = new Map<string, Timeline>();
  for (const [key, list] of events) {
    list.sort((a, b) => a.at - b.at);
    const wonBefore = [0];
    for (const e of list) wonBefore.push(wonBefore[wonBefore.length - 1]! + (e.won ? 1 : 0));
    timelines.set(key, { times: list.map((e) => e.at), wonBefore });
  }
  return {
    before(key, at) {
      const t = timelines.get(key);
      if (!t) return { closed: 0, won: 0 };
      const i = lowerBound(t.times, at);
      return { closed: i, won: t.wonBefore[i]! };
    },
  };
}

/** Win rate shrunk toward a prior with the weight of `strength` deals, so a rep with two deals is not 0% or 100%. */
export function smoothedRate(counts: OutcomeCounts, prior: number, strength = 5): number {
  return (counts.won + strength * prior) / (counts.closed + strength);
}
