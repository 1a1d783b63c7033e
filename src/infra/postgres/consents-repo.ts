import type pg from "pg";
import type { Channel } from "../../core/domain.js";

export type ConsentStatus = "granted" | "withdrawn";

/**
 * Consent per channel identity (phone number, web visitor), and per contact once the identity is linked
 * to one: a withdrawal on any identity of a contact silences every channel of that contact.
 */
export function createConsentsRepo(pool: pg.Pool) {
  return {
    async set(input: { channel: Channel; identity: string; status: ConsentStatus; source: string; contactId?: string }) {
      await pool.query(
        `insert into consents (channel, identity, contact_id, status, source, updated_at)
         values ($1, $2, $3, $4, $5, now())
         on conflict (channel, identity) do update
           set status = excluded.status, source = excluded.source,
               contact_id = coalesce(excluded.contact_id, consents.contact_id), updated_at = now()`,
        [input.channel, input.identity, input.contactId ?? null, input.status, input.source],
      );
    },

    /** True when this identity, or the contact it belongs to, has withdrawn consent. */
    async isWithdrawn(channel: Channel, identity: string): Promise<boolean> {
      const { rows } = await pool.query(
        `select 1 from consents c
          where (c.channel = $1 and c.identity = $2 and c.status = 'withdrawn')
             or (c.status = 'withdrawn' and c.contact_id is not null and c.contact_id in (
                   select contact_id from consents where channel = $1 and identity = $2 and contact_id is not null))
          limit 1`,
        [channel, identity],
      );
      return rows.length > 0;
    },
  };
}

export type ConsentsRepo = ReturnType<typeof createConsentsRepo>;
