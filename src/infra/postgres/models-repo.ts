import { randomUUID } from "node:crypto";
import type pg from "pg";

export interface StoredModel {
  id: string;
  kind: string;
  artefact: unknown;
  metrics: unknown;
  trainedAt: Date;
}

export interface ModelSummary {
  id: string;
  kind: string;
  name: string;
  dataHash: string | null;
  metrics: unknown;
  trainedAt: Date;
  /** The one `latest(kind)` returns. */
  inUse: boolean;
  /** When it was last promoted, if ever. */
  promotedAt: Date | null;
}

const IN_USE = `
  coalesce(
    (select p.model_id from model_promotions p where p.kind = $1 order by p.id desc limit 1),
    (select m.id from models m where m.kind = $1 and m.active order by m.trained_at desc, m.id desc limit 1)
  )`;

/**
 * Trained model artefacts (JSON) with their metrics. The model in use for a kind is the last promoted one
 * (`models promote`), or, for a kind never promoted, its newest active model.
 */
export function createModelsRepo(pool: pg.Pool) {
  return {
    async latest(kind: string): Promise<StoredModel | undefined> {
      const { rows } = await pool.query(`select id, kind, artefact, metrics, trained_at from models where id = ${IN_USE}`, [kind]);
      const r = rows[0];
      return r && { id: r.id, kind: r.kind, artefact: r.artefact, metrics: r.metrics, trainedAt: r.trained_at };
    },

    async save(model: { id: string; kind: string; name: string; artefact: unknown; metrics: unknown; dataHash?: string }): Promise<void> {
      await pool.query(
        `insert into models (id, kind, name, artefact, metrics, data_hash) values ($1, $2, $3, $4, $5, $6)
         on conflict (id) do update set artefact = excluded.artefact, metrics = excluded.metrics, data_hash = excluded.data_hash,
           trained_at = now(), active = true`,
        [model.id, model.kind, model.name, JSON.stringify(model.artefact), JSON.stringify(model.metrics), model.dataHash ?? null],
      );
    },

    /** Stores a newly trained model under a fresh id, without putting it in use; returns the id. */
    async register(model: { kind: string; name: string; artefact: unknown; metrics: unknown; dataHash: string }): Promise<string> {
      const id = `${model.kind}-${new Date().toISOString().slice(0, 10).replaceAll("-", "")}-${randomUUID().slice(0, 8)}`;
      await pool.query(
        `insert into models (id, kind, name, artefact, metrics, data_hash, active) values ($1, $2, $3, $4, $5, $6, false)`,
        [id, model.kind, model.name, JSON.stringify(model.artefact), JSON.stringify(model.metrics), model.dataHash],
      );
      return id;
    },

    async list(kind?: string): Promise<ModelSummary[]> {
      const { rows } = await pool.query(
        `select m.id, m.kind, m.name, m.data_hash, m.metrics, m.trained_at,
                (select max(p.promoted_at) from model_promotions p where p.model_id = m.id) as promoted_at
           from models m where ($1::text is null or m.kind = $1) order by m.kind, m.trained_at desc, m.id`,
        [kind ?? null],
      );
      const inUse = new Map<string, string | undefined>();
      for (const k of new Set(rows.map((r) => r.kind as string))) inUse.set(k, (await this.latest(k))?.id);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        dataHash: r.data_hash,
        metrics: r.metrics,
        trainedAt: r.trained_at,
        promotedAt: r.promoted_at,
        inUse: inUse.get(r.kind) === r.id,
      }));
    },

    /** Puts a model in use for its kind; returns its kind, or undefined when there is no such model. */
    async promote(id: string): Promise<string | undefined> {
      const { rows } = await pool.query(`select kind from models where id = $1`, [id]);
      const kind = rows[0]?.kind as string | undefined;
      if (!kind) return undefined;
      await pool.query(`insert into model_promotions (kind, model_id) values ($1, $2)`, [kind, id]);
      return kind;
    },

    /** Undoes the last promotion of a kind; returns the model now in use (undefined when none is left). */
    async rollback(kind: string): Promise<{ undone: string; now?: string } | undefined> {
      const { rows } = await pool.query(
        `delete from model_promotions where id = (select id from model_promotions where kind = $1 order by id desc limit 1) returning model_id`,
        [kind],
      );
      if (!rows[0]) return undefined;
      return { undone: rows[0].model_id, now: (await this.latest(kind))?.id };
    },
  };
}

export type ModelsRepo = ReturnType<typeof createModelsRepo>;
