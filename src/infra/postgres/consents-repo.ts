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

    /**
     * Consent of a person known by email or phone ("email:jane@x.com", "phone:+14155550134"), whatever channel
     * they used: recorded once per key, so an opt-out on SMS also covers their web chats and emails.
     */
    async setContact(input: { keys: readonly string[]; status: ConsentStatus; source: string }) {
      for (const key of input.keys) {
        await pool.query(
          `insert into consents (channel, identity, status, source, updated_at) values ('contact', $1, $2, $3, now())
           on conflict (channel, identity) do update set status = excluded.status, source = excluded.source, updated_at = now()`,
          [key, input.status, input.source],
        );
      }
    },

    /**
     * True when this identity, the contact it is linked to, or the person behind any of `contactKeys` has
     * withdrawn consent. An SMS identity is its phone number, so it is also checked as a contact key.
     */
    async isWithdrawn(channel: Channel, identity: string, contactKeys: readonly string[] = []): Promise<boolean> {
      const keys = channel === "sms" ? [...contactKeys, `phone:${identity}`] : [...contactKeys];
      const { rows } = await pool.query(
        `select 1 from consents c
          where (c.channel = $1 and c.identity = $2 and c.status = 'withdrawn')
             or (c.status = 'withdrawn' and c.contact_id is not null and c.contact_id in (
                   select contact_id from consents where channel = $1 and identity = $2 and contact_id is not null))
             or (c.channel = 'contact' and c.status = 'withdrawn' and c.identity = any($3::text[]))
          limit 1`,
        [channel, identity, keys],
      );
      return rows.length > 0;
    },
  };
}

export type ConsentsRepo = ReturnType<typeof createConsentsRepo>;
