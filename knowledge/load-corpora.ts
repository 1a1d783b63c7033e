import type pg from "pg";
import type { Logger } from "../src/core/logger.js";
import { chunkText } from "./chunker.js";
import { chunksFor } from "./corpus.js";
import type { Embedder } from "./embedder.js";
import { buildHnswIndex, loadHnswIndex, type HnswParams, type VectorIndex } from "./hnsw-index.js";
import { findIndexFile, indexDir, indexFileName, removeStaleIndexFiles, type IndexKey } from "./index-files.js";
import type { KbRepo } from "./kb-repo.js";
import { KB_AUDIENCES, type IndexedChunk, type KbAudience } from "./types.js";

export interface LoadedCorpora {
  version: number;
  instance: string;
  chunks: IndexedChunk[];
  vectors: Record<KbAudience, VectorIndex>;
  /** Audiences whose vector index was rebuilt rather than read from its file. */
  rebuilt: KbAudience[];
}

export interface LoadDeps {
  pool: pg.Pool;
  repo: KbRepo;
  dataDir: string;
  embedder: Embedder;
  hnsw?: Partial<HnswParams>;
  logger: Logger;
}

/**
 * Reads one consistent snapshot of the knowledge base (repeatable read: the version and the chunks belong
 * together), then for each audience reads the vector index file of that version or, when it is missing,
 * unreadable or holds other chunks, rebuilds it from the stored embeddings and writes it for next time.
 * Chunks embedded by another embedder are embedded again and their vectors stored.
 */
export async function loadCorpora(deps: LoadDeps): Promise<LoadedCorpora> {
  const dir = indexDir(deps.dataDir);
  const client = await deps.pool.connect();
  let snapshot;
  try {
    await client.query("begin isolation level repeatable read read only");
    const state = await deps.repo.state(client);
    const chunks = await deps.repo.chunks(client);
    const vectors: Partial<Record<KbAudience, VectorIndex>> = {};
    for (const audience of KB_AUDIENCES) {
      const key: IndexKey = { audience, instance: state.instance, version: state.version, embedderId: deps.embedder.id };
      vectors[audience] = await readMatching(dir, key, chunksFor(audience, chunks), deps);
    }
    const missing = KB_AUDIENCES.filter((a) => !vectors[a]);
    const stored = missing.length ? await deps.repo.embeddings(client, deps.embedder.id) : new Map<number, Float32Array>();
    await client.query("commit");
    snapshot = { state, chunks, vectors, missing, stored };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }

  const { state, chunks, vectors, missing, stored } = snapshot;
  if (missing.length) {
    const needed = new Map(missing.flatMap((a) => chunksFor(a, chunks)).map((c) => [c.id, c]));
    const unembedded = [...needed.values()].filter((c) => !stored.has(c.id));
    if (unembedded.length) {
      deps.logger.info({ chunks: unembedded.length, embedder: deps.embedder.id }, "embedding chunks stored by another embedder");
      const fresh = await deps.embedder.embedDocuments(unembedded.map(chunkText));
      unembedded.forEach((c, i) => stored.set(c.id, fresh[i]!));
      await deps.repo.saveEmbeddings(
        unembedded.map((c, i) => ({ id: c.id, embedding: fresh[i]! })),
        deps.embedder.id,
      );
    }
    for (const audience of missing) {
      const items = chunksFor(audience, chunks).map((c) => ({ id: c.id, vector: stored.get(c.id)! }));
      const dimensions = items[0]?.vector.length ?? 0;
      const index = buildHnswIndex(items, dimensions, deps.hnsw);
      vectors[audience] = index;
      if (items.length > 0) {
        const key: IndexKey = { audience, instance: state.instance, version: state.version, embedderId: deps.embedder.id };
        await index
          .save(`${dir}/${indexFileName(key, dimensions)}`)
          .then(() => removeStaleIndexFiles(dir, key))
          .catch((error: unknown) => deps.logger.warn({ err: String(error), audience }, "could not write the vector index file"));
      }
    }
  }
  return {
    version: state.version,
    instance: state.instance,
    chunks,
    vectors: vectors as Record<KbAudience, VectorIndex>,
    rebuilt: missing,
  };
}

/** The index file for this key when it exists, reads, and holds exactly these chunks; else undefined. */
async function readMatching(dir: string, key: IndexKey, chunks: readonly IndexedChunk[], deps: LoadDeps): Promise<VectorIndex | undefined> {
  if (chunks.length === 0) return buildHnswIndex([], 0);
  const found = await findIndexFile(dir, key);
  if (!found) return undefined;
  try {
    const index = await loadHnswIndex(found.file, found.dimensions, deps.hnsw);
    const ids = index.ids();
    if (ids.length === chunks.length && chunks.every((c, i) => c.id === ids[i])) return index;
    deps.logger.warn({ file: found.file }, "vector index file does not match the database; rebuilding");
  } catch (error) {
    deps.logger.warn({ file: found.file, err: String(error) }, "vector index file unreadable; rebuilding");
  }
  return undefined;
}
