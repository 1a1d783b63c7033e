import fs from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { BadInputError } from "../src/core/errors.js";
import { TextEncodingError } from "../src/core/text-decoding.js";
import { withTransaction } from "../src/infra/postgres/pool.js";
import { CHUNKER_VERSION, chunkDocument, chunkText, type ChunkOptions } from "./chunker.js";
import type { Embedder } from "./embedder.js";
import {
  contentHash,
  documentId,
  effectiveAudience,
  normaliseTags,
  planIngest,
  scopePrefix,
  sourcePathOf,
} from "./ingest-plan.js";
import type { KbDocumentRow, KbRepo, NewChunk } from "./kb-repo.js";
import { parseDocument } from "./parsers/index.js";
import { scanFolder } from "./scan.js";
import type { KbAudience } from "./types.js";

export interface IngestOptions {
  /** Audience of the folder's files (default public); a file whose front matter says internal stays internal. */
  audience?: KbAudience;
  /** Added to every file's own tags, e.g. `competitor:tableau`. */
  tags?: string[];
  /** Source paths are recorded relative to root (default: dir itself). */
  root?: string;
  /** Encoding of text files that are not UTF-8; without it such a file stops the ingest (nothing is written). */
  encoding?: string;
}

export interface IngestReport {
  dir: string;
  audience: KbAudience;
  scanned: number;
  added: string[];
  updated: string[];
  unchanged: number;
  removed: string[];
  /** Chunks written for added and updated files. */
  chunks: number;
  skipped: { sourcePath: string; reason: string }[];
  /** Knowledge-base version after the ingest (unchanged when nothing changed). */
  version: number;
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface IngestDeps {
  pool: pg.Pool;
  repo: KbRepo;
  embedder: Embedder;
  chunking?: ChunkOptions;
}

/**
 * Ingests a folder: parses, chunks and embeds only files whose fingerprint changed, removes documents of
 * files no longer there, and writes everything in one transaction, so a failed ingest changes nothing.
 */
export async function ingestFolder(deps: IngestDeps, dir: string, options: IngestOptions = {}): Promise<IngestReport> {
  const absDir = path.resolve(dir);
  const stat = await fs.stat(absDir).catch(() => undefined);
  if (!stat?.isDirectory()) throw new BadInputError(`not a directory: ${dir}`);
  const root = path.resolve(options.root ?? absDir);
  const audience = options.audience ?? "public";
  const folderTags = normaliseTags(options.tags ?? []);

  const prepared = new Map<string, { doc: KbDocumentRow; file: string; bytes: Uint8Array }>();
  const skipped: IngestReport["skipped"] = [];
  for (const file of await scanFolder(absDir)) {
    const sourcePath = sourcePathOf(root, file);
    const bytes = await fs.readFile(file);
    if (bytes.byteLength > MAX_FILE_BYTES) {
      skipped.push({ sourcePath, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` });
      continue;
    }
    // the file's own front matter is inside its bytes; what else decides its chunks is added here
    const doc: KbDocumentRow = {
      id: documentId(sourcePath),
      sourcePath,
      title: "",
      audience,
      tags: folderTags,
      contentHash: contentHash(bytes, CHUNKER_VERSION, audience, folderTags),
    };
    prepared.set(sourcePath, { doc, file, bytes });
  }

  const existing = await deps.repo.documentsUnder(scopePrefix(root, absDir));
  const plan = planIngest(
    existing,
    [...prepared.values()].map((p) => p.doc),
  );

  const upserts: { doc: KbDocumentRow; chunks: NewChunk[] }[] = [];
  const updated: string[] = [];
  const added: string[] = [];
  const isNew = new Set(plan.added);
  for (const sourcePath of [...plan.added, ...plan.changed]) {
    const { doc, file, bytes } = prepared.get(sourcePath)!;
    let parsed;
    try {
      parsed = await parseDocument(file, bytes, options.encoding);
    } catch (error) {
      if (error instanceof TextEncodingError) throw new BadInputError(`${sourcePath}: ${error.message.slice(file.length + 2)}`);
      skipped.push({ sourcePath, reason: `unreadable: ${(error as Error).message.split("\n")[0]}` });
      continue;
    }
    const chunks = chunkDocument(parsed, deps.chunking);
    const vectors = await deps.embedder.embedDocuments(chunks.map((c) => chunkText({ title: parsed.title, ...c })));
    const final = {
      ...doc,
      title: parsed.title,
      audience: effectiveAudience(audience, parsed.audience),
      tags: normaliseTags([...folderTags, ...parsed.tags]),
    };
    upserts.push({ doc: final, chunks: chunks.map((c, i) => ({ ...c, embedding: vectors[i]! })) });
    (isNew.has(sourcePath) ? added : updated).push(sourcePath);
  }
  const byPath = new Map(existing.map((d) => [d.sourcePath, d.id]));
  const removals = plan.removed.map((p) => byPath.get(p)!);

  let version: number;
  if (upserts.length === 0 && removals.length === 0) version = (await deps.repo.state()).version;
  else {
    version = await withTransaction(deps.pool, (db) =>
      deps.repo.apply(db, { upserts, removals, embedderId: deps.embedder.id }),
    );
  }
  return {
    dir: absDir,
    audience,
    scanned: prepared.size,
    added,
    updated,
    unchanged: plan.unchanged.length,
    removed: plan.removed,
    chunks: upserts.reduce((n, u) => n + u.chunks.length, 0),
    skipped,
    version,
  };
}
