import { visibleTo, type Corpus } from "./corpus.js";
import type { SearchHit } from "./types.js";

/** The constant of Cormack et al. (2009): damps the weight of the very top ranks. */
export const RRF_K = 60;

export interface FusedId {
  id: number;
  score: number;
  /** 1-based rank of the id in each input ranking, undefined where it was absent. */
  ranks: (number | undefined)[];
}

/**
 * Reciprocal rank fusion: score(d) = Σ over rankings of 1 / (k + rank(d)). Needs no score calibration
 * between a cosine similarity and a BM25 score, which is why hybrid search uses it.
 */
export function reciprocalRankFusion(rankings: readonly (readonly number[])[], k: number = RRF_K): FusedId[] {
  const fused = new Map<number, FusedId>();
  rankings.forEach((ranking, r) => {
    ranking.forEach((id, i) => {
      let entry = fused.get(id);
      if (!entry) fused.set(id, (entry = { id, score: 0, ranks: rankings.map(() => undefined) }));
      if (entry.ranks[r] !== undefined) return;
      entry.ranks[r] = i + 1;
      entry.score += 1 / (k + i + 1);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || bestRank(a) - bestRank(b) || a.id - b.id);
}

function bestRank(f: FusedId): number {
  return Math.min(...f.ranks.map((r) => r ?? Number.POSITIVE_INFINITY));
}

export interface HybridOptions {
  k: number;
  tags?: readonly string[];
  /** How many candidates each ranking contributes to the fusion. */
  candidates?: number;
}

/**
 * Hybrid search over one corpus: nearest neighbours of the query vector and BM25 matches of its words,
 * each restricted by the tag filter while ranking (not after), fused by reciprocal rank.
 */
export function hybridSearch(corpus: Corpus, query: string, vector: Float32Array, options: HybridOptions): SearchHit[] {
  const tags = options.tags ?? [];
  const filter = tags.length
    ? (id: number) => {
        const chunk = corpus.chunks.get(id);
        return chunk !== undefined && tags.every((t) => chunk.tags.includes(t));
      }
    : undefined;
  const candidates = Math.max(options.candidates ?? 50, options.k);
  const vectorHits = corpus.vectors.search(vector, candidates, filter);
  const keywordHits = corpus.keywords.search(query, candidates, filter);
  const similarity = new Map(vectorHits.map((h) => [h.id, h.similarity]));
  const bm25 = new Map(keywordHits.map((h) => [h.id, h.score]));
  const hits: SearchHit[] = [];
  for (const fused of reciprocalRankFusion([vectorHits.map((h) => h.id), keywordHits.map((h) => h.id)])) {
    const chunk = corpus.chunks.get(fused.id);
    // the corpus holds only what its audience may see; checked again so a stale index cannot leak
    if (!chunk || !visibleTo(corpus.audience, chunk)) continue;
    hits.push({
      ...chunk,
      score: fused.score,
      vectorRank: fused.ranks[0],
      keywordRank: fused.ranks[1],
      similarity: similarity.get(fused.id),
      bm25: bm25.get(fused.id),
    });
    if (hits.length >= options.k) break;
  }
  return hits;
}
