import fs from "node:fs/promises";
import path from "node:path";
import hnswlib from "hnswlib-node";

export interface HnswParams {
  /** Graph degree. */
  m: number;
  efConstruction: number;
  /** Candidate list size at query time (raised to k when k is larger). */
  efSearch: number;
  seed: number;
}

/** bench/knowledge.ts measures these: recall@10 0.99 against exact search and query p50 0.4 ms at 100k chunks. */
export const HNSW_DEFAULTS: HnswParams = { m: 16, efConstruction: 100, efSearch: 64, seed: 42 };

export interface VectorHit {
  id: number;
  /** Cosine similarity, 1 = same direction. */
  similarity: number;
}

export interface VectorIndex {
  readonly size: number;
  readonly dimensions: number;
  search(vector: Float32Array, k: number, filter?: (id: number) => boolean): VectorHit[];
  ids(): number[];
  /** Writes the index atomically (temporary file, then rename), so readers never see half a file. */
  save(file: string): Promise<void>;
}

/** Approximate nearest neighbours (hnswlib, cosine space); labels are chunk ids. */
export function buildHnswIndex(
  items: readonly { id: number; vector: Float32Array }[],
  dimensions: number,
  params: Partial<HnswParams> = {},
): VectorIndex {
  const p = { ...HNSW_DEFAULTS, ...params };
  if (items.length === 0) return emptyIndex(dimensions);
  const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
  index.initIndex({ maxElements: items.length, m: p.m, efConstruction: p.efConstruction, randomSeed: p.seed });
  for (const item of items) {
    if (item.vector.length !== dimensions) {
      throw new Error(`vector of chunk ${item.id} has ${item.vector.length} dimensions, expected ${dimensions}`);
    }
    index.addPoint(Array.from(item.vector), item.id);
  }
  return wrap(index, p.efSearch);
}

/** Reads an index written by `save`; throws when the file is missing, corrupt or of another dimension. */
export async function loadHnswIndex(file: string, dimensions: number, params: Partial<HnswParams> = {}): Promise<VectorIndex> {
  const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
  await index.readIndex(file);
  return wrap(index, params.efSearch ?? HNSW_DEFAULTS.efSearch);
}

function wrap(index: hnswlib.HierarchicalNSW, efSearch: number): VectorIndex {
  const size = index.getCurrentCount();
  return {
    size,
    dimensions: index.getNumDimensions(),
    search(vector, k, filter) {
      const n = Math.min(k, size);
      if (n <= 0) return [];
      index.setEf(Math.max(efSearch, 2 * n));
      const result = index.searchKnn(Array.from(vector), n, filter);
      return result.neighbors
        .map((id, i) => ({ id, similarity: 1 - result.distances[i]! }))
        .sort((a, b) => b.similarity - a.similarity || a.id - b.id);
    },
    ids: () => index.getIdsList().sort((a, b) => a - b),
    async save(file) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
      await index.writeIndex(tmp);
      await fs.rename(tmp, file);
    },
  };
}

function emptyIndex(dimensions: number): VectorIndex {
  return { size: 0, dimensions, search: () => [], ids: () => [], save: async () => undefined };
}
