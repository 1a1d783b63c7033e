import type pg from "pg";
import { BadInputError } from "../src/core/errors.js";
import { silentLogger, type Logger } from "../src/core/logger.js";
import type { ChunkOptions } from "./chunker.js";
import { createCorpus, type Corpus } from "./corpus.js";
import type { Embedder } from "./embedder.js";
import type { HnswParams } from "./hnsw-index.js";
import { loadCorpora } from "./load-corpora.js";
import { ingestFolder, type IngestOptions, type IngestReport } from "./ingest.js";
import { createKbRepo } from "./kb-repo.js";
import { hybridSearch } from "./retriever.js";
import type { KbAudience, SearchHit, SearchOptions } from "./types.js";

export interface KnowledgeBaseDeps {
  pool: pg.Pool;
  /** Vector index files live in `<dataDir>/knowledge/`. */
  dataDir: string;
  embedder: Embedder;
  logger?: Logger;
  hnsw?: Partial<HnswParams>;
  chunking?: ChunkOptions;
}

export interface KnowledgeBaseStats {
  version: number;
  embedder: string;
  documents: number;
  /** Chunks by their own audience (a search for `internal` sees both counts). */
  chunks: Record<KbAudience, number>;
}

export interface KnowledgeBase {
  readonly embedderId: string;
  /** Ingests a folder; the indexes of this process reflect it when the promise resolves. */
  ingest(dir: string, options?: IngestOptions): Promise<IngestReport>;
  /** Hybrid search among the chunks the audience may see (`internal` sees public ones too). */
  search(query: string, options: SearchOptions): Promise<SearchHit[]>;
  /** Reloads the indexes if the database moved on (another process ingested); true when it reloaded. */
  refresh(): Promise<boolean>;
  stats(): Promise<KnowledgeBaseStats>;
}

export const MAX_SEARCH_K = 50;

interface Loaded {
  version: number;
  instance: string;
  corpora: Record<KbAudience, Corpus>;
}

/**
 * The knowledge base of one process. Before each search it reads one row (the version every ingest
 * bumps) and reloads its indexes when another process has ingested since, so a server sees a CLI ingest
 * without a restart. Vector indexes are read from the data directory when a file matches the database
 * and rebuilt from the stored embeddings otherwise.
 */
export function createKnowledgeBase(deps: KnowledgeBaseDeps): KnowledgeBase {
  const logger = (deps.logger ?? silentLogger()).child({ component: "knowledge" });
  const repo = createKbRepo(deps.pool);
  let current: Loaded | undefined;
  let loading: Promise<Loaded> | undefined;

  async function load(): Promise<Loaded> {
    const started = Date.now();
    const result = await loadCorpora({ pool: deps.pool, repo, dataDir: deps.dataDir, embedder: deps.embedder, hnsw: deps.hnsw, logger });
    const corpora = {
      public: createCorpus("public", result.chunks, result.vectors.public),
      internal: createCorpus("internal", result.chunks, result.vectors.internal),
    };
    logger.info(
      { version: result.version, chunks: result.chunks.length, rebuilt: result.rebuilt, ms: Date.now() - started },
      "knowledge indexes loaded",
    );
    return { version: result.version, instance: result.instance, corpora };
  }

  /** The indexes as of the database's current version, loading at most once at a time. */
  async function fresh(): Promise<{ loaded: Loaded; reloaded: boolean }> {
    let reloaded = false;
    for (;;) {
      const state = await repo.state();
      if (current && current.version >= state.version && current.instance === state.instance) return { loaded: current, reloaded };
      loading ??= load()
        .then((l) => (current = l))
        .finally(() => (loading = undefined));
      const l = await loading;
      reloaded = true;
      if (l.version >= state.version && l.instance === state.instance) return { loaded: l, reloaded };
    }
  }

  return {
    embedderId: deps.embedder.id,

    async ingest(dir, options) {
      const report = await ingestFolder({ pool: deps.pool, repo, embedder: deps.embedder, chunking: deps.chunking }, dir, options);
      logger.info(
        {
          dir: report.dir,
          added: report.added.length,
          updated: report.updated.length,
          removed: report.removed.length,
          unchanged: report.unchanged,
          chunks: report.chunks,
        },
        "knowledge ingested",
      );
      await fresh();
      return report;
    },

    async search(query, options) {
      const text = query.trim();
      if (!text) throw new BadInputError("search query is empty");
      const requested = Number.isFinite(options.k) ? Math.trunc(options.k!) : 5;
      const k = Math.min(Math.max(requested, 1), MAX_SEARCH_K);
      const { loaded } = await fresh();
      // anything but an explicit "internal" gets the public corpus
      const corpus = options.audience === "internal" ? loaded.corpora.internal : loaded.corpora.public;
      if (corpus.chunks.size === 0) return [];
      const vector = await deps.embedder.embedQuery(text);
      return hybridSearch(corpus, text, vector, { k, tags: options.tags });
    },

    async refresh() {
      return (await fresh()).reloaded;
    },

    async stats() {
      const { loaded } = await fresh();
      const { rows } = await deps.pool.query<{ n: string }>("select count(*) as n from kb_documents");
      return {
        version: loaded.version,
        embedder: deps.embedder.id,
        documents: Number(rows[0]!.n),
        chunks: {
          public: loaded.corpora.public.chunks.size,
          internal: loaded.corpora.internal.chunks.size - loaded.corpora.public.chunks.size,
        },
      };
    },
  };
}
