import type pg from "pg";
import {
  CONTENT_EVENT_TYPES,
  type ContentChannel,
  type ContentEventType,
  type ContentStore,
  type Experiment,
  type StoredVariant,
  type VariantCounts,
} from "../../core/content.js";
import { withTransaction } from "./pool.js";

const zeroCounts = (): Record<ContentEventType, number> => Object.fromEntries(CONTENT_EVENT_TYPES.map((t) => [t, 0])) as Record<ContentEventType, number>;

function toVariant(r: any): StoredVariant {
  return {
    id: r.id,
    experimentId: r.experiment_id,
    label: r.variant,
    channel: r.channel,
    angle: r.angle,
    ...(r.subject !== null ? { subject: r.subject } : {}),
    text: r.body,
    ...(r.details?.headlines ? { headlines: r.details.headlines } : {}),
    ...(r.details?.descriptions ? { descriptions: r.details.descriptions } : {}),
    predicted: r.predicted,
    sources: r.sources,
  };
}

function toExperiment(r: any): Experiment {
  return {
    id: r.id, name: r.name, segment: r.segment, channel: r.channel, objective: r.objective, metric: r.metric,
    minSample: r.min_sample, createdBy: r.created_by, createdAt: r.created_at,
  };
}

/** Experiments, variants and their events in PostgreSQL (tables of migrations 003 and 013). */
export function createContentRepo(pool: pg.Pool): ContentStore {
  async function countsWhere(sql: string, params: unknown[]) {
    const { rows } = await pool.query(sql, params);
    const byVariant = new Map<string, Record<ContentEventType, number>>();
    for (const r of rows) {
      const c = byVariant.get(r.id) ?? zeroCounts();
      if (r.type) c[r.type as ContentEventType] = Number(r.n);
      byVariant.set(r.id, c);
    }
    return { rows, byVariant };
  }

  return {
    async saveExperiment(e, variants) {
      await withTransaction(pool, async (client) => {
        await client.query(
          `insert into experiments (id, name, segment, channel, objective, metric, min_sample, created_by, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [e.id, e.name, e.segment, e.channel, e.objective, e.metric, e.minSample, e.createdBy, e.createdAt],
        );
        for (const v of variants) {
          await client.query(
            `insert into content_variants (id, campaign, channel, variant, body, predicted_score, status, experiment_id, angle, subject, details, predicted, sources)
             values ($1, $2, $3, $4, $5, $6, 'draft', $2, $7, $8, $9, $10, $11)`,
            [
              v.id, e.id, v.channel, v.label, v.text, v.predicted[0]?.value ?? null, v.angle, v.subject ?? null,
              JSON.stringify({ ...(v.headlines ? { headlines: v.headlines } : {}), ...(v.descriptions ? { descriptions: v.descriptions } : {}) }),
              JSON.stringify(v.predicted), JSON.stringify(v.sources),
            ],
          );
        }
      });
    },

    async experiment(id) {
      const { rows } = await pool.query("select * from experiments where id = $1", [id]);
      return rows[0] && toExperiment(rows[0]);
    },

    async variants(experimentId) {
      const { rows } = await pool.query("select * from content_variants where experiment_id = $1 order by variant", [experimentId]);
      return rows.map(toVariant);
    },

    async variant(id) {
      const { rows } = await pool.query("select * from content_variants where id = $1 and experiment_id is not null", [id]);
      return rows[0] && toVariant(rows[0]);
    },

    async recordEvent(e) {
      const exists = await pool.query("select 1 from content_variants where id = $1 and experiment_id is not null", [e.variantId]);
      if (!exists.rowCount) return { status: "not_found" };
      const inserted = await pool.query(
        `insert into content_events (event_id, variant_id, type, recipient, occurred_at) values ($1, $2, $3, $4, $5)
         on conflict (event_id) do nothing`,
        [e.eventId, e.variantId, e.type, e.recipient ?? null, e.at],
      );
      if (inserted.rowCount) return { status: "recorded" };
      const { rows } = await pool.query("select variant_id, type from content_events where event_id = $1", [e.eventId]);
      const prior = rows[0];
      if (prior && prior.variant_id === e.variantId && prior.type === e.type) return { status: "duplicate" };
      return { status: "conflict", detail: `event ${e.eventId} was already recorded as ${prior?.type} of ${prior?.variant_id}` };
    },

    async counts(experimentId): Promise<VariantCounts[]> {
      const { rows, byVariant } = await countsWhere(
        `select v.id, v.variant, v.angle, e.type, count(e.event_id) as n
           from content_variants v left join content_events e on e.variant_id = v.id
          where v.experiment_id = $1 group by v.id, v.variant, v.angle, e.type order by v.variant`,
        [experimentId],
      );
      const seen = new Set<string>();
      const out: VariantCounts[] = [];
      for (const r of rows) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push({ variantId: r.id, label: r.variant, angle: r.angle, counts: byVariant.get(r.id)! });
      }
      return out;
    },

    async outcomes(channel: ContentChannel) {
      const { rows, byVariant } = await countsWhere(
        `select v.id, v.body, v.subject, x.segment, e.type, count(e.event_id) as n
           from content_variants v join experiments x on x.id = v.experiment_id join content_events e on e.variant_id = v.id
          where v.channel = $1 group by v.id, v.body, v.subject, x.segment, e.type`,
        [channel],
      );
      const seen = new Set<string>();
      return rows.flatMap((r) => {
        if (seen.has(r.id)) return [];
        seen.add(r.id);
        return [{ channel, segment: r.segment, text: r.body, ...(r.subject !== null ? { subject: r.subject } : {}), counts: byVariant.get(r.id)! }];
      });
    },
  };
}
