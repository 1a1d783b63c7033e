import type pg from "pg";

export interface StoredModel {
  id: string;
  kind: string;
  artefact: unknown;
  metrics: unknown;
  trainedAt: Date;
}

/** Trained model artefacts (JSON) with their metrics; the newest active one per kind is the one in use. */
export function createModelsRepo(pool: pg.Pool) {
  return {
    async latest(kind: string): Promise<StoredModel | undefined> {
      const { rows } = await pool.query(
        `select id, kind, artefact, metrics, trained_at from models
          where kind = $1 and active order by trained_at desc, id desc limit 1`,
        [kind],
      );
      const r = rows[0];
      return r && { id: r.id, kind: r.kind, artefact: r.artefact, metrics: r.metrics, trainedAt: r.trained_at };
    },

    async save(model: { id: string; kind: string; name: string; artefact: unknown; metrics: unknown }): Promise<void> {
      await pool.query(
        `insert into models (id, kind, name, artefact, metrics) values ($1, $2, $3, $4, $5)
         on conflict (id) do update set artefact = excluded.artefact, metrics = excluded.metrics, trained_at = now(), active = true`,
        [model.id, model.kind, model.name, JSON.stringify(model.artefact), JSON.stringify(model.metrics)],
      );
    },
  };
}

export type ModelsRepo = ReturnType<typeof createModelsRepo>;
