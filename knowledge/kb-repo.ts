import type pg from "pg";
import { bytesToVector, vectorToBytes } from "./embedder.js";
import type { IndexedChunk, KbAudience } from "./types.js";

export interface KbDocumentRow {
  id: string;
  sourcePath: string;
  title: string;
  audience: KbAudience;
  tags: string[];
  contentHash: string;
}

export interface NewChunk {
  ord: number;
  heading: string;
  body: string;
  embedding: Float32Array;
}

export interface KbState {
  version: number;
  instance: string;
}

export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** SQL of the knowledge base: documents, chunks with their embeddings, and the version row. */
export function createKbRepo(pool: pg.Pool) {
  return {
    async state(db: Queryable = pool): Promise<KbState> {
      const { rows } = await db.query<{ version: string; instance: string }>("select version, instance from kb_state where id = 1");
      if (!rows[0]) throw new Error("kb_state is missing: run the database migrations");
      return { version: Number(rows[0].version), instance: rows[0].instance };
    },

    /** Documents whose source path starts with prefix ("" = every document recorded by a relative path). */
    async documentsUnder(prefix: string): Promise<KbDocumentRow[]> {
      const columns = "id, source_path, title, audience, tags, content_hash";
      const { rows } = await pool.query<{ id: string; source_path: string; title: string; audience: KbAudience; tags: string[]; content_hash: string }>(
        prefix === ""
          ? `select ${columns} from kb_documents where source_path not like '/%'`
          : `select ${columns} from kb_documents where left(source_path, length($1::text)) = $1::text`,
        prefix === "" ? [] : [prefix],
      );
      return rows.map((r) => ({
        id: r.id,
        sourcePath: r.source_path,
        title: r.title,
        audience: r.audience,
        tags: r.tags,
        contentHash: r.content_hash,
      }));
    },

    /** Replaces documents' chunks and deletes removed documents, then bumps the version. */
    async apply(
      db: pg.PoolClient,
      change: { upserts: { doc: KbDocumentRow; chunks: NewChunk[] }[]; removals: string[]; embedderId: string },
    ): Promise<number> {
      for (const { doc, chunks } of change.upserts) {
        await db.query(
          `insert into kb_documents (id, source_path, title, audience, tags, content_hash, updated_at)
           values ($1, $2, $3, $4, $5, $6, now())
           on conflict (source_path) do update set title = excluded.title, audience = excluded.audience,
             tags = excluded.tags, content_hash = excluded.content_hash, updated_at = now()`,
          [doc.id, doc.sourcePath, doc.title, doc.audience, doc.tags, doc.contentHash],
        );
        await db.query("delete from kb_chunks where document_id = $1", [doc.id]);
        for (let i = 0; i < chunks.length; i += 500) {
          const batch = chunks.slice(i, i + 500);
          await db.query(
            `insert into kb_chunks (document_id, ord, heading, body, audience, embedding, embedder)
             select $1, u.ord, u.heading, u.body, $2, u.embedding, $3
             from unnest($4::int[], $5::text[], $6::text[], $7::bytea[]) as u(ord, heading, body, embedding)`,
            [
              doc.id,
              doc.audience,
              change.embedderId,
              batch.map((c) => c.ord),
              batch.map((c) => c.heading),
              batch.map((c) => c.body),
              batch.map((c) => vectorToBytes(c.embedding)),
            ],
          );
        }
      }
      if (change.removals.length) await db.query("delete from kb_documents where id = any($1::text[])", [change.removals]);
      const { rows } = await db.query<{ version: string }>(
        "update kb_state set version = version + 1, updated_at = now() where id = 1 returning version",
      );
      return Number(rows[0]!.version);
    },

    async chunks(db: Queryable): Promise<(IndexedChunk & { embedder: string | null })[]> {
      const { rows } = await db.query<{
        id: string;
        document_id: string;
        source_path: string;
        title: string;
        heading: string;
        body: string;
        audience: KbAudience;
        tags: string[];
        embedder: string | null;
      }>(
        `select c.id, c.document_id, d.source_path, d.title, c.heading, c.body, c.audience, d.tags, c.embedder
         from kb_chunks c join kb_documents d on d.id = c.document_id order by c.id`,
      );
      return rows.map((r) => ({
        id: Number(r.id),
        documentId: r.document_id,
        sourcePath: r.source_path,
        title: r.title,
        heading: r.heading,
        body: r.body,
        audience: r.audience,
        tags: r.tags,
        embedder: r.embedder,
      }));
    },

    /** Stored vectors made by this embedder. */
    async embeddings(db: Queryable, embedderId: string): Promise<Map<number, Float32Array>> {
      const { rows } = await db.query<{ id: string; embedding: Buffer }>(
        "select id, embedding from kb_chunks where embedder = $1 and embedding is not null",
        [embedderId],
      );
      return new Map(rows.map((r) => [Number(r.id), bytesToVector(r.embedding)]));
    },

    /** Stores vectors computed for chunks embedded by another embedder (the content is unchanged). */
    async saveEmbeddings(items: readonly { id: number; embedding: Float32Array }[], embedderId: string): Promise<void> {
      for (let i = 0; i < items.length; i += 500) {
        const batch = items.slice(i, i + 500);
        await pool.query(
          `update kb_chunks c set embedding = u.embedding, embedder = $1
           from unnest($2::bigint[], $3::bytea[]) as u(id, embedding) where c.id = u.id`,
          [embedderId, batch.map((b) => b.id), batch.map((b) => vectorToBytes(b.embedding))],
        );
      }
    },
  };
}

export type KbRepo = ReturnType<typeof createKbRepo>;
