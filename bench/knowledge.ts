import hnswlib from "hnswlib-node";
import { buildHnswIndex, HNSW_DEFAULTS, type HnswParams } from "../knowledge/hnsw-index.js";
import { overlapRecall } from "../knowledge/ranking-metrics.js";
import { summarize } from "./stats.js";
import { seededRandom } from "../src/core/random.js";

export interface KnowledgeBenchOptions {
  sizes?: number[];
  dimensions?: number;
  queries?: number;
  k?: number;
  hnsw?: Partial<HnswParams>;
}

export interface KnowledgeBenchRow {
  size: number;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
  recallAt10: number;
  exactP50Ms: number;
}

/** Deterministic PRNG (mulberry32) and Gaussian samples (Box–Muller), so every run indexes the same data. */
function gaussian(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Synthetic chunk embeddings shaped like real text embeddings: a mixture of topics in a low-dimensional
 * latent space, projected into `dimensions` and blurred with a little isotropic noise, then normalised.
 * (Uniform random vectors have no neighbourhoods worth finding and would understate recall.)
 */
export function syntheticVectors(count: number, dimensions: number, seed: number, latent = 64, topics = 256): Float32Array[] {
  const basis = gaussian(1234);
  const projection = Array.from({ length: latent }, () => Float32Array.from({ length: dimensions }, () => basis()));
  const centres = Array.from({ length: topics }, () => Float32Array.from({ length: latent }, () => basis()));
  const next = gaussian(seed);
  return Array.from({ length: count }, () => {
    const centre = centres[Math.floor(Math.abs(next() * 1e6)) % topics]!;
    const v = new Float32Array(dimensions);
    for (let l = 0; l < latent; l++) {
      const z = centre[l]! + next();
      const row = projection[l]!;
      for (let d = 0; d < dimensions; d++) v[d]! += z * row[d]!;
    }
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      v[d]! += next();
      norm += v[d]! * v[d]!;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dimensions; d++) v[d]! *= inv;
    return v;
  });
}

/**
 * Vector index benchmark at knowledge-base sizes: build time, query latency p50/p99 and recall@10 of the
 * HNSW index (production parameters) against exact brute-force search on the same vectors.
 */
export async function benchKnowledge(options: KnowledgeBenchOptions = {}): Promise<string> {
  const sizes = options.sizes ?? [10_000, 100_000];
  const dimensions = options.dimensions ?? 384;
  const queryCount = options.queries ?? 200;
  const k = options.k ?? 10;
  const params = { ...HNSW_DEFAULTS, ...options.hnsw };
  const rows: KnowledgeBenchRow[] = [];
  const queries = syntheticVectors(queryCount, dimensions, 7);
  for (const size of sizes) {
    const vectors = syntheticVectors(size, dimensions, 1);
    const items = vectors.map((vector, id) => ({ id, vector }));
    const t0 = performance.now();
    const index = buildHnswIndex(items, dimensions, params);
    const buildMs = performance.now() - t0;

    const exact = new hnswlib.BruteforceSearch("cosine", dimensions);
    exact.initIndex(size);
    for (const item of items) exact.addPoint(Array.from(item.vector), item.id);

    const latencies: number[] = [];
    const exactLatencies: number[] = [];
    let recall = 0;
    for (const q of queries) {
      const t1 = performance.now();
      const approx = index.search(q, k);
      latencies.push(performance.now() - t1);
      const t2 = performance.now();
      const truth = exact.searchKnn(Array.from(q), k).neighbors;
      exactLatencies.push(performance.now() - t2);
      recall += overlapRecall(
        approx.map((h) => h.id),
        truth,
      );
    }
    const approxStats = summarize(latencies);
    rows.push({
      size,
      buildMs,
      p50Ms: approxStats.p50,
      p99Ms: approxStats.p99,
      recallAt10: recall / queries.length,
      exactP50Ms: summarize(exactLatencies).p50,
    });
  }
  return formatKnowledgeBench(rows, { dimensions, queries: queryCount, params });
}

export function formatKnowledgeBench(
  rows: readonly KnowledgeBenchRow[],
  meta: { dimensions: number; queries: number; params: HnswParams },
): string {
  const header = `HNSW (hnswlib-node, cosine, M=${meta.params.m}, efConstruction=${meta.params.efConstruction}, ef=${meta.params.efSearch}), ${meta.dimensions}-d clustered synthetic vectors, ${meta.queries} queries, k=10`;
  const table = [
    "chunks    build s   query p50 ms  query p99 ms  recall@10  exact p50 ms",
    ...rows.map(
      (r) =>
        `${String(r.size).padStart(7)}  ${(r.buildMs / 1000).toFixed(2).padStart(8)}  ${r.p50Ms.toFixed(3).padStart(12)}  ${r.p99Ms
          .toFixed(3)
          .padStart(12)}  ${r.recallAt10.toFixed(3).padStart(9)}  ${r.exactP50Ms.toFixed(2).padStart(12)}`,
    ),
  ];
  const biggest = rows[rows.length - 1];
  const verdict = biggest
    ? `targets at ${biggest.size}: recall@10 ${biggest.recallAt10 >= 0.95 ? "PASS" : "FAIL"} (>= 0.95), query p50 ${biggest.p50Ms < 5 ? "PASS" : "FAIL"} (< 5 ms)`
    : "";
  return [header, ...table, verdict].join("\n");
}
