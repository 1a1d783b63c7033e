import type pg from "pg";
import { identifierKey, tombstoneHash, type ErasureReport, type PersonIdentifier } from "../../core/data-rights.js";
import { withTransaction } from "./pool.js";

type Db = Pick<pg.PoolClient, "query">;

/** Everything that names the person: their contact and lead rows, and the conversations they had. */
interface PersonRecords {
  contacts: Record<string, unknown>[];
  leads: Record<string, unknown>[];
  conversations: Record<string, unknown>[];
  /** Every email and phone the records know for the person (all are tombstoned on erasure). */
  identifiers: PersonIdentifier[];
}

const ids = (rows: Record<string, unknown>[]) => rows.map((r) => String(r.id));
const threadsOf = (conversations: Record<string, unknown>[]) => conversations.map((c) => `${c.channel}:${c.external_id}`);

async function findPerson(db: Db, person: PersonIdentifier): Promise<PersonRecords> {
  const identifiers = new Map<string, PersonIdentifier>([[identifierKey(person), person]]);
  const learn = (rows: Record<string, unknown>[]) => {
    for (const row of rows) {
      if (typeof row.email === "string" && row.email.trim()) {
        const id = { kind: "email", value: row.email.trim().toLowerCase() } as const;
        identifiers.set(identifierKey(id), id);
      }
      if (typeof row.phone === "string" && row.phone.trim()) {
        const id = { kind: "phone", value: row.phone.replace(/[^0-9+]/g, "") } as const;
        identifiers.set(identifierKey(id), id);
      }
    }
  };
  const of = (kind: PersonIdentifier["kind"]) => [...identifiers.values()].filter((i) => i.kind === kind).map((i) => i.value);
  const { rows: contacts } = await db.query(
    `select * from contacts
      where lower(email) = any($1::text[]) or regexp_replace(coalesce(phone, ''), '[^0-9+]', '', 'g') = any($2::text[])`,
    [of("email"), of("phone")],
  );
  learn(contacts);
  // the person's other address or number (from their contact row) finds their leads too
  const { rows: leads } = await db.query(
    `select * from leads
      where lower(email) = any($1::text[]) or regexp_replace(coalesce(phone, ''), '[^0-9+]', '', 'g') = any($2::text[])
         or contact_id = any($3::text[])`,
    [of("email"), of("phone"), ids(contacts)],
  );
  learn(leads);
  const values = [...identifiers.values()].map((i) => i.value);
  const phones = of("phone");
  // Their conversations: linked to the contact or lead, the lead's own chat, an SMS thread from one of their
  // numbers, and any conversation in which one of their addresses or numbers was written.
  const { rows: conversations } = await db.query(
    `select * from conversations c
      where c.contact_id = any($1::text[]) or c.lead_id = any($2::text[])
         or c.id in (select conversation_id from leads where id = any($2::text[]) and conversation_id is not null)
         or c.external_id = any($3::text[]) or c.actor_id = any($3::text[])
         or exists (select 1 from messages m, unnest($4::text[]) v where m.conversation_id = c.id and strpos(lower(m.text), v) > 0)
      order by c.created_at`,
    [ids(contacts), ids(leads), phones, values],
  );
  return { contacts, leads, conversations, identifiers: [...identifiers.values()] };
}

async function tableExists(db: Db, table: string): Promise<boolean> {
  const { rows } = await db.query("select to_regclass($1) is not null as present", [table]);
  return rows[0]?.present === true;
}

/**
 * Data-subject requests over the product's own tables (the LangGraph Store is handled by the caller, through
 * its own API). Erasure runs in one transaction and ends with tombstones, which the triggers of migration
 * 015 check on every later write of a contact or lead.
 */
export function createDataRightsRepo(pool: pg.Pool) {
  return {
    /** Every record of the person, as JSON-ready rows. */
    async export(person: PersonIdentifier) {
      const found = await findPerson(pool, person);
      const conversationIds = ids(found.conversations);
      const keys = found.identifiers.map(identifierKey);
      const q = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows;
      const messages = await q(
        "select conversation_id, sender, author, text, intent, created_at from messages where conversation_id = any($1::text[]) order by id",
        [conversationIds],
      );
      return {
        identifiers: keys,
        contacts: found.contacts,
        leads: found.leads,
        conversations: found.conversations.map((c) => ({ ...c, messages: messages.filter((m) => m.conversation_id === c.id) })),
        consents: await q(
          `select channel, identity, status, source, updated_at from consents
            where contact_id = any($1::text[]) or (channel = 'contact' and identity = any($2::text[]))
               or identity = any($3::text[])`,
          [ids(found.contacts), keys, found.conversations.map((c) => String(c.actor_id))],
        ),
        meetings: await q("select * from meetings where conversation_id = any($1::text[]) or lead_id = any($2::text[])", [conversationIds, ids(found.leads)]),
        handoffs: await q(
          `select h.*, coalesce((select json_agg(n.text order by n.id) from handoff_notes n where n.handoff_id = h.id), '[]') as notes
             from handoffs h where h.conversation_id = any($1::text[])`,
          [conversationIds],
        ),
        activities: await q("select * from activities where contact_id = any($1::text[]) or lead_id = any($2::text[])", [
          ids(found.contacts),
          ids(found.leads),
        ]),
      };
    },

    /** Erases the person from every table and leaves tombstones; returns what was removed. */
    async forget(person: PersonIdentifier): Promise<{ report: ErasureReport; identifiers: PersonIdentifier[]; threads: string[] }> {
      return withTransaction(pool, async (db) => {
        const found = await findPerson(db, person);
        const contactIds = ids(found.contacts);
        const leadIds = ids(found.leads);
        const conversationIds = ids(found.conversations);
        const threads = threadsOf(found.conversations);
        const keys = found.identifiers.map(identifierKey);
        const report: ErasureReport = {};
        const run = async (what: string, sql: string, params: unknown[]) => {
          const result = await db.query(sql, params);
          report[what] = (report[what] ?? 0) + (result.rowCount ?? 0);
        };

        if (await tableExists(db, "checkpoints")) {
          await run("checkpoint writes", "delete from checkpoint_writes where thread_id = any($1::text[])", [threads]);
          await run("checkpoint blobs", "delete from checkpoint_blobs where thread_id = any($1::text[])", [threads]);
          await run("checkpoints", "delete from checkpoints where thread_id = any($1::text[])", [threads]);
        }
        await run("meetings", "delete from meetings where conversation_id = any($1::text[]) or lead_id = any($2::text[])", [conversationIds, leadIds]);
        await run("demo offers", "delete from demo_offers where conversation_id = any($1::text[])", [conversationIds]);
        await run(
          "transcripts",
          `delete from transcripts
            where activity_id in (select id from activities where contact_id = any($1::text[]) or lead_id = any($2::text[]))
               or strpos(lower(body), $3) > 0`,
          [contactIds, leadIds, person.value],
        );
        await run("activities", "delete from activities where contact_id = any($1::text[]) or lead_id = any($2::text[])", [contactIds, leadIds]);
        await run("deal links", "update deals set contact_id = null where contact_id = any($1::text[])", [contactIds]);
        await run("deal links", "update deals set lead_id = null where lead_id = any($1::text[])", [leadIds]);
        await run("content events", "delete from content_events where lower(recipient) = any($1::text[])", [found.identifiers.map((i) => i.value)]);
        await run(
          "consents",
          `delete from consents
            where contact_id = any($1::text[]) or (channel = 'contact' and identity = any($2::text[]))
               or identity = any($3::text[]) or (channel = 'sms' and identity = any($4::text[]))`,
          [contactIds, keys, found.conversations.map((c) => String(c.actor_id)), found.identifiers.filter((i) => i.kind === "phone").map((i) => i.value)],
        );
        if (await tableExists(db, "rate_limits")) {
          // message budgets are keyed by sender (an SMS number among them)
          await run("rate-limit buckets", "delete from rate_limits r where exists (select 1 from unnest($1::text[]) v where strpos(r.key, v) > 0)", [
            found.identifiers.map((i) => i.value),
          ]);
        }
        // messages, hand-offs and their notes go with their conversation (on delete cascade)
        const { rows: logged } = await db.query("select count(*)::int as n from messages where conversation_id = any($1::text[])", [conversationIds]);
        report.messages = logged[0].n;
        await run("conversations", "delete from conversations where id = any($1::text[])", [conversationIds]);
        const other = await db.query("select erase_rows_referencing('contact_id', $1) + erase_rows_referencing('lead_id', $2) as n", [contactIds, leadIds]);
        report["other linked rows"] = Number(other.rows[0].n);
        await run("leads", "delete from leads where id = any($1::text[])", [leadIds]);
        await run("contacts", "delete from contacts where id = any($1::text[])", [contactIds]);
        for (const id of found.identifiers) {
          await db.query("insert into erased_identities (hash, kind) values ($1, $2) on conflict (hash) do nothing", [tombstoneHash(id), id.kind]);
        }
        report.tombstones = found.identifiers.length;
        return { report, identifiers: found.identifiers, threads };
      });
    },

    /** True when any of the identifiers was erased (what imports and lead capture check). */
    async isErased(identifiers: readonly PersonIdentifier[]): Promise<boolean> {
      const { rows } = await pool.query("select 1 from erased_identities where hash = any($1::text[]) limit 1", [identifiers.map(tombstoneHash)]);
      return rows.length > 0;
    },
  };
}

export type DataRightsRepo = ReturnType<typeof createDataRightsRepo>;
