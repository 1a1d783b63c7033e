import { createBm25Index, type Bm25Index } from "./bm25.js";
import { chunkText } from "./chunker.js";
import type { VectorIndex } from "./hnsw-index.js";
import type { IndexedChunk, KbAudience } from "./types.js";

/**
 * The chunks one audience may see, with their vector and keyword indexes. A `public` corpus is built from
 * public chunks only, so nothing internal is even a candidate in a prospect's search.
 */
export interface Corpus {
  audience: KbAudience;
  chunks: ReadonlyMap<number, IndexedChunk>;
  vectors: VectorIndex;
  keywords: Bm25Index;
}

export function visibleTo(audience: KbAudience, chunk: Pick<IndexedChunk, "audience">): boolean {
  return audience === "internal" || chunk.audience === "public";
}

export function chunksFor(audience: KbAudience, chunks: readonly IndexedChunk[]): IndexedChunk[] {
  return chunks.filter((c) => visibleTo(audience, c));
}

export function createCorpus(audience: KbAudience, chunks: readonly IndexedChunk[], vectors: VectorIndex): Corpus {
  const visible = chunksFor(audience, chunks);
  return {
    audience,
    chunks: new Map(visible.map((c) => [c.id, c])),
    vectors,
    keywords: createBm25Index(visible.map((c) => ({ id: c.id, text: chunkText(c) }))),
  };
}
