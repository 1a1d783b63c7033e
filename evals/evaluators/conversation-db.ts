import pg from "pg";
import type { MeetingRow, RepHours } from "./conversation-checks.js";
import type { Offer, ProfileSlotName } from "./conversation-scenario.js";

/**
 * What the conversation eval reads from the database, and how it gives every scenario the database as it was
 * right after seeding.
 */

/** Lead columns per profile slot; slots without a column are read from the graph state. */
const LEAD_COLUMNS: Partial<Record<ProfileSlotName, readonly string[]>> = {
  name: ["name"], email: ["email"], phone: ["phone"], company: ["company"], role: ["job_role"], budget: ["budget"],
  authority: ["authority"], need: ["need"], timeline: ["timeline"], timeZone: ["time_zone", "timezone"], teamSize: ["team_size"],
};

export function leadValue(lead: Record<string, unknown> | undefined, slot: ProfileSlotName): { has: boolean; value: unknown } {
  const column = (LEAD_COLUMNS[slot] ?? []).find((c) => lead && c in lead);
  return column ? { has: true, value: lead![column] } : { has: false, value: undefined };
}

export async function conversationDbId(pool: pg.Pool, channel: string, externalId: string): Promise<string | undefined> {
  const { rows } = await pool.query("select id from conversations where channel = $1 and external_id = $2", [channel, externalId]);
  return rows[0]?.id;
}

export async function hasColumn(pool: pg.Pool, table: string, column: string): Promise<boolean> {
  const { rows } = await pool.query(
    "select 1 from information_schema.columns where table_schema = 'public' and table_name = $1 and column_name = $2",
    [table, column],
  );
  return rows.length > 0;
}

export async function meetingsOf(pool: pg.Pool, conversationIds: readonly string[], withZone: boolean): Promise<MeetingRow[]> {
  if (conversationIds.length === 0) return [];
  const { rows } = await pool.query("select * from meetings where conversation_id = any($1) order by created_at, id", [conversationIds]);
  return rows.map((r) => ({
    id: r.id,
    repId: r.rep_id,
    conversationId: r.conversation_id,
    startsAt: new Date(r.starts_at).toISOString(),
    status: r.status,
    ...(withZone ? { timeZone: r.time_zone ?? null } : {}),
  }));
}

/** The offer standing in a conversation, from `demo_offers`. */
export async function offerOf(pool: pg.Pool, conversationId: string): Promise<Offer | undefined> {
  const { rows } = await pool.query("select time_zone, slots from demo_offers where conversation_id = $1", [conversationId]);
  const row = rows[0];
  if (!row || !Array.isArray(row.slots)) return undefined;
  return { timeZone: row.time_zone, slots: row.slots.map((s: { startsAt: string }) => ({ startsAt: s.startsAt })) };
}

export async function leadOf(pool: pg.Pool, conversationId: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await pool.query("select * from leads where conversation_id = $1", [conversationId]);
  return rows[0];
}

export async function handoffsOf(pool: pg.Pool, conversationIds: readonly string[]): Promise<{ kind: string }[]> {
  if (conversationIds.length === 0) return [];
  const { rows } = await pool.query("select kind from handoffs where conversation_id = any($1) order by created_at", [conversationIds]);
  return rows.map((r) => ({ kind: r.kind }));
}

export async function consentOf(pool: pg.Pool, channel: string, identity: string): Promise<"granted" | "withdrawn" | undefined> {
  const { rows } = await pool.query("select status from consents where channel = $1 and identity = $2", [channel, identity]);
  return rows[0]?.status;
}

/** Every rep who takes demos, with weekly hours (business hours 9–17 Mon–Fri unless rows say otherwise). */
export async function repHours(pool: pg.Pool): Promise<Record<string, RepHours>> {
  const { rows } = await pool.query(
    `select r.id, r.timezone, a.weekday, a.start_minute, a.end_minute
       from reps r left join rep_availability a on a.rep_id = r.id order by r.id`,
  );
  const out: Record<string, RepHours> = {};
  for (const r of rows) {
    const rep = (out[r.id] ??= { timeZone: r.timezone || "UTC", hours: {} });
    if (r.weekday !== null) (rep.hours[r.weekday] ??= []).push([r.start_minute, r.end_minute]);
  }
  for (const rep of Object.values(out)) {
    if (Object.keys(rep.hours).length === 0) for (const d of [1, 2, 3, 4, 5]) rep.hours[d] = [[9 * 60, 17 * 60]];
  }
  return out;
}

/** Names from the CRM a prospect must never be shown: deals, accounts, contacts, reps. */
export async function internalNames(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query(
    `select name from deals union select name from accounts union select name from reps
      union select first_name || ' ' || last_name from contacts`,
  );
  return rows.map((r) => r.name as string).filter(Boolean);
}

/**
 * The database right after seeding, so each scenario starts from it: tables empty then are emptied again, and
 * rows written since then (`xmin` newer than the snapshot's transaction) are deleted from the others. Foreign
 * keys are not enforced during the reset (`session_replication_role = replica`), so the order does not matter.
 */
export interface SeedSnapshot {
  xid: string;
  emptyTables: string[];
  seededTables: Record<string, number>;
}

export async function snapshotSeed(pool: pg.Pool): Promise<SeedSnapshot> {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const emptyTables: string[] = [];
  const seededTables: Record<string, number> = {};
  for (const { table_name: t } of tables) {
    const { rows } = await pool.query(`select count(*)::int as n from ${pg.escapeIdentifier(t)}`);
    if (rows[0].n === 0) emptyTables.push(t);
    else seededTables[t] = rows[0].n;
  }
  const { rows } = await pool.query("select (txid_current() % 4294967296)::text as xid");
  return { xid: rows[0].xid, emptyTables, seededTables };
}

/** Restores the seeded state; returns the tables that lost seeded rows (a scenario updated them), if any. */
export async function resetToSeed(pool: pg.Pool, snapshot: SeedSnapshot): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    for (const t of snapshot.emptyTables) await client.query(`delete from ${pg.escapeIdentifier(t)}`);
    for (const t of Object.keys(snapshot.seededTables)) {
      await client.query(`delete from ${pg.escapeIdentifier(t)} where xmin::text::bigint > $1::bigint`, [snapshot.xid]);
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const damaged: string[] = [];
  for (const [t, n] of Object.entries(snapshot.seededTables)) {
    const { rows } = await pool.query(`select count(*)::int as n from ${pg.escapeIdentifier(t)}`);
    if (rows[0].n !== n) damaged.push(`${t} (${rows[0].n} rows, seeded ${n})`);
  }
  return damaged;
}
