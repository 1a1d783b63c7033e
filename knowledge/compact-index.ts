import fs from "node:fs/promises";
import type pg from "pg";
import { silentLogger, type Logger } from "../src/core/logger.js";
import type { Embedder } from "./embedder.js";
import type { HnswParams } from "./hnsw-index.js";
import { indexDir, listIndexFiles } from "./index-files.js";
import { createKbRepo } from "./kb-repo.js";
import { loadCorpora } from "./load-corpora.js";
import type { KbAudience } from "./types.js";

export interface CompactReport {
  version: number;
  chunks: number;
  /** Audiences whose index file was rebuilt from the stored embeddings. */
  rebuilt: KbAudience[];
  /** Files of this database removed for good: older versions, other embedders. */
  removedFiles: number;
}

/**
 * Knowledge-index compaction (the kb-compact job): every vector index file of this database up to its current
 * version is deleted, and the current ones are rebuilt from the embeddings stored in the database, as a fresh
 * HNSW graph. Files left by earlier versions or another embedder go for good; files of another database that
 * shares the data directory are left alone. In-memory indexes are always built whole, so they need nothing.
 */
export async function compactKnowledgeIndex(deps: {
  pool: pg.Pool;
  dataDir: string;
  embedder: Embedder;
  hnsw?: Partial<HnswParams>;
  logger?: Logger;
}): Promise<CompactReport> {
  const repo = createKbRepo(deps.pool);
  const dir = indexDir(deps.dataDir);
  const state = await repo.state();
  const before = (await listIndexFiles(dir, state.instance)).filter((f) => f.version <= state.version);
  await Promise.all(before.map((f) => fs.rm(f.file, { force: true })));
  const loaded = await loadCorpora({ ...deps, repo, logger: deps.logger ?? silentLogger() });
  const after = new Set((await listIndexFiles(dir, state.instance)).map((f) => f.file));
  return {
    version: loaded.version,
    chunks: loaded.chunks.length,
    rebuilt: loaded.rebuilt,
    removedFiles: before.filter((f) => !after.has(f.file)).length,
  };
}
