import type pg from "pg";
import { withTransaction } from "../../src/infra/postgres/pool.js";
import type { Segmentation, SegmentationModel } from "./build.js";
import type { SegmentProfile } from "./profiles.js";
import { segmentationData } from "./rows.js";
import type { SegmentationData } from "./types.js";

/** Segmentation data in, segment runs out: `segments`, `segment_memberships` and the `segments` model. */
export const SEGMENTS_KIND = "segments";

export async function loadSegmentationData(pool: pg.Pool): Promise<SegmentationData> {
  const [accounts, deals, activities] = await Promise.all([
    pool.query("select id, name, sector, region, employees, revenue_musd, created_at from accounts order by id"),
    pool.query("select account_id, stage, amount, close_value, engaged_at, closed_at from deals"),
    pool.query("select account_id, kind, direction, occurred_at from activities where account_id is not null"),
  ]);
  return segmentationData({ accounts: accounts.rows, deals: deals.rows, activities: activities.rows });
}

export function latestRecord(data: SegmentationData): number {
  let latest = -Infinity;
  for (const d of data.deals) latest = Math.max(latest, d.engagedAt, d.closedAt ?? -Infinity);
  for (const a of data.activities) latest = Math.max(latest, a.occurredAt);
  return latest;
}

/** Stores one build atomically: its segments, every account's membership and the model later lookups use. */
export async function storeSegmentation(pool: pg.Pool, seg: Segmentation): Promise<void> {
  const runId = seg.model.runId;
  await withTransaction(pool, async (client) => {
    for (const p of seg.profiles) {
      await client.query("insert into segments (id, run_id, label, profile) values ($1, $2, $3, $4)", [`${runId}:${p.key}`, runId, p.label, JSON.stringify(p)]);
    }
    await client.query(
      `insert into segment_memberships (account_id, segment_id, run_id, distance)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::double precision[])`,
      [seg.memberships.map((m) => m.accountId), seg.memberships.map((m) => `${runId}:${m.segmentKey}`), seg.memberships.map(() => runId), seg.memberships.map((m) => m.distance)],
    );
    await client.query(
      `insert into models (id, kind, name, artefact, metrics) values ($1, $2, $3, $4, $5)
       on conflict (id) do update set artefact = excluded.artefact, metrics = excluded.metrics, trained_at = now(), active = true`,
      [runId, SEGMENTS_KIND, "account segments", JSON.stringify(seg.model), JSON.stringify({ k: seg.model.k, silhouette: seg.model.silhouette, migrationAuc: seg.model.migration.holdoutAuc })],
    );
  });
}

export interface StoredRun {
  model: SegmentationModel;
  profiles: SegmentProfile[];
  memberships: Map<string, { segmentKey: string; distance: number }>;
}

export async function latestRun(pool: pg.Pool): Promise<StoredRun | undefined> {
  const { rows } = await pool.query(
    "select artefact from models where kind = $1 and active order by trained_at desc, id desc limit 1",
    [SEGMENTS_KIND],
  );
  if (!rows[0]) return undefined;
  const model = rows[0].artefact as SegmentationModel;
  if (model?.version !== 1 || !Array.isArray(model.segments)) return undefined;
  const [segments, members] = await Promise.all([
    pool.query("select id, profile from segments where run_id = $1", [model.runId]),
    pool.query("select account_id, segment_id, distance from segment_memberships where run_id = $1", [model.runId]),
  ]);
  const byKey = new Map(segments.rows.map((r) => [(r.profile as SegmentProfile).key, r.profile as SegmentProfile]));
  const profiles = model.segments.map((s) => byKey.get(s.key)).filter((p): p is SegmentProfile => p !== undefined);
  const memberships = new Map(
    members.rows.map((r) => [r.account_id as string, { segmentKey: String(r.segment_id).slice(model.runId.length + 1), distance: Number(r.distance) }]),
  );
  return { model, profiles, memberships };
}
