import { createHash } from "node:crypto";
import type pg from "pg";
import type {
  BattlecardVersion,
  FeedItem,
  IntelChange,
  IntelChangeDetail,
  IntelSnapshot,
  IntelSource,
  IntelSourceKind,
  IntelStore,
} from "../../core/intel.js";
import { withTransaction } from "./pool.js";

export function sourceId(competitor: string, url: string): string {
  const slug = competitor.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "competitor";
  return `${slug}-${createHash("sha1").update(url).digest("hex").slice(0, 8)}`;
}

const SOURCE_COLUMNS = "id, competitor, url, kind, origin, etag, last_modified, last_checked_at, last_status, last_error";

function toSource(r: any): IntelSource {
  return {
    id: r.id,
    competitor: r.competitor,
    url: r.url,
    kind: r.kind,
    origin: r.origin,
    etag: r.etag ?? undefined,
    lastModified: r.last_modified ?? undefined,
    lastCheckedAt: r.last_checked_at ?? undefined,
    lastStatus: r.last_status ?? undefined,
    lastError: r.last_error ?? undefined,
  };
}

function toChange(r: any): IntelChange {
  return {
    id: String(r.id),
    sourceId: r.source_id,
    competitor: r.competitor,
    snapshotId: String(r.snapshot_id),
    previousSnapshotId: r.previous_snapshot_id == null ? undefined : String(r.previous_snapshot_id),
    summary: r.summary,
    detail: r.detail as IntelChangeDetail,
    link: r.link,
    detectedAt: r.detected_at,
  };
}

function toCard(r: any): BattlecardVersion {
  return { competitor: r.competitor, version: r.version, markdown: r.markdown, contentHash: r.content_hash, source: r.source, createdAt: r.created_at };
}

export function createIntelRepo(pool: pg.Pool): IntelStore {
  async function addSource(s: { competitor: string; url: string; kind: IntelSourceKind; origin?: "cli" | "config" }) {
    const { rows } = await pool.query(
      `insert into intel_sources (id, competitor, url, kind, origin) values ($1, $2, $3, $4, $5)
       on conflict (competitor, url) do update set kind = excluded.kind
       returning ${SOURCE_COLUMNS}`,
      [sourceId(s.competitor, s.url), s.competitor, s.url, s.kind, s.origin ?? "cli"],
    );
    return toSource(rows[0]);
  }

  return {
    addSource,

    async listSources(filter = {}) {
      const { rows } = filter.competitor
        ? await pool.query(`select ${SOURCE_COLUMNS} from intel_sources where lower(competitor) = lower($1) order by competitor, url`, [filter.competitor])
        : await pool.query(`select ${SOURCE_COLUMNS} from intel_sources order by competitor, url`);
      return rows.map(toSource);
    },

    async getSource(id) {
      const { rows } = await pool.query(`select ${SOURCE_COLUMNS} from intel_sources where id = $1`, [id]);
      return rows[0] ? toSource(rows[0]) : undefined;
    },

    async removeSource(match) {
      const result =
        "id" in match
          ? await pool.query("delete from intel_sources where id = $1", [match.id])
          : await pool.query("delete from intel_sources where lower(competitor) = lower($1) and url = $2", [match.competitor, match.url]);
      return (result.rowCount ?? 0) > 0;
    },

    async syncConfigSources(sources) {
      const keep = sources.map((s) => sourceId(s.competitor, s.url));
      for (const s of sources) await addSource({ ...s, origin: "config" });
      await pool.query("delete from intel_sources where origin = 'config' and not (id = any($1::text[]))", [keep]);
    },

    async latestSnapshot(id) {
      const { rows } = await pool.query(
        "select id, source_id, fetched_at, content_hash, text, items from intel_snapshots where source_id = $1 order by id desc limit 1",
        [id],
      );
      const r = rows[0];
      return r
        ? ({ id: String(r.id), sourceId: r.source_id, fetchedAt: r.fetched_at, contentHash: r.content_hash, text: r.text, items: r.items as FeedItem[] } satisfies IntelSnapshot)
        : undefined;
    },

    async recordFetch(id, record) {
      await pool.query(
        `update intel_sources set last_checked_at = $2, last_status = $3, last_error = $4,
           etag = coalesce($5, etag), last_modified = coalesce($6, last_modified)
         where id = $1`,
        [id, record.checkedAt, record.status, record.error ?? null, record.etag ?? null, record.lastModified ?? null],
      );
    },

    async saveSnapshot(snapshot, changes) {
      return withTransaction(pool, async (client) => {
        const previous = await client.query("select id from intel_snapshots where source_id = $1 order by id desc limit 1", [snapshot.sourceId]);
        const { rows } = await client.query(
          "insert into intel_snapshots (source_id, fetched_at, content_hash, text, items) values ($1, $2, $3, $4, $5) returning id",
          [snapshot.sourceId, snapshot.fetchedAt, snapshot.contentHash, snapshot.text, JSON.stringify(snapshot.items)],
        );
        const snapshotId = String(rows[0].id);
        const changeIds: string[] = [];
        for (const c of changes) {
          const inserted = await client.query(
            `insert into intel_changes (source_id, competitor, snapshot_id, previous_snapshot_id, kind, summary, detail, link, detected_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
            [snapshot.sourceId, c.competitor, snapshotId, previous.rows[0]?.id ?? null, c.detail.kind, c.summary, JSON.stringify(c.detail), c.link, c.detectedAt],
          );
          changeIds.push(String(inserted.rows[0].id));
        }
        return { snapshotId, changeIds };
      });
    },

    async changesSince(since, filter = {}) {
      const columns = "id, source_id, competitor, snapshot_id, previous_snapshot_id, summary, detail, link, detected_at";
      const { rows } = filter.competitor
        ? await pool.query(`select ${columns} from intel_changes where detected_at >= $1 and lower(competitor) = lower($2) order by competitor, id`, [since, filter.competitor])
        : await pool.query(`select ${columns} from intel_changes where detected_at >= $1 order by competitor, id`, [since]);
      return rows.map(toChange);
    },

    async competitors() {
      const { rows } = await pool.query<{ competitor: string }>(
        "select distinct competitor from intel_sources union select distinct competitor from intel_battlecards order by 1",
      );
      return rows.map((r) => r.competitor);
    },

    async latestBattlecard(competitor) {
      const { rows } = await pool.query(
        "select * from intel_battlecards where lower(competitor) = lower($1) order by version desc limit 1",
        [competitor],
      );
      return rows[0] ? toCard(rows[0]) : undefined;
    },

    async saveBattlecard(card) {
      return withTransaction(pool, async (client) => {
        await client.query("select pg_advisory_xact_lock(hashtext('intel_battlecards:' || lower($1)))", [card.competitor]);
        const latest = await client.query(
          "select * from intel_battlecards where lower(competitor) = lower($1) order by version desc limit 1",
          [card.competitor],
        );
        if (latest.rows[0]?.content_hash === card.contentHash) return toCard(latest.rows[0]);
        const { rows } = await client.query(
          `insert into intel_battlecards (competitor, version, markdown, content_hash, source) values ($1, $2, $3, $4, $5) returning *`,
          [card.competitor, (latest.rows[0]?.version ?? 0) + 1, card.markdown, card.contentHash, card.source],
        );
        return toCard(rows[0]);
      });
    },

    async battlecardVersions(competitor) {
      const { rows } = await pool.query("select * from intel_battlecards where lower(competitor) = lower($1) order by version", [competitor]);
      return rows.map(toCard);
    },
  };
}
