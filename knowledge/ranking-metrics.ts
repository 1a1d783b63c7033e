/** Ranking metrics shared by the retrieval evaluation and the index benchmark. */

/** 1-based rank of the first item equal to expected, counting distinct items only; undefined if absent. */
export function distinctRank<T>(ranked: readonly T[], expected: T): number | undefined {
  const seen = new Set<T>();
  for (const item of ranked) {
    if (seen.has(item)) continue;
    seen.add(item);
    if (item === expected) return seen.size;
  }
  return undefined;
}

/** Share of queries whose answer is ranked within the first k. */
export function recallAtK(ranks: readonly (number | undefined)[], k: number): number {
  if (ranks.length === 0) return 0;
  return ranks.filter((r) => r !== undefined && r <= k).length / ranks.length;
}

/** Mean reciprocal rank: mean of 1/rank, 0 where the answer was not found. */
export function meanReciprocalRank(ranks: readonly (number | undefined)[]): number {
  if (ranks.length === 0) return 0;
  return ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / ranks.length;
}

/** Recall of an approximate top-k against the exact top-k: |approx ∩ exact| / |exact|. */
export function overlapRecall(approximate: readonly number[], exact: readonly number[]): number {
  if (exact.length === 0) return 1;
  const truth = new Set(exact);
  return approximate.filter((id) => truth.has(id)).length / exact.length;
}

/** The q-quantile (0..1) of values by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
