import { randomUUID } from "node:crypto";
import type pg from "pg";
import { AppError } from "../../src/core/errors.js";
import { withTransaction } from "../../src/infra/postgres/pool.js";
import type { Matched } from "./match-request.js";
import { BUSINESS_HOURS, slotKey, type RepCalendar, type Slot, type WeeklyHours } from "./slots.js";

export interface Offer {
  timeZone: string;
  matched: Matched;
  slots: Slot[];
}

export interface Meeting {
  id: string;
  repId: string;
  leadId: string | null;
  conversationId: string;
  startsAt: string;
  endsAt: string;
  /** The prospect's zone: labels and invites are written in it. */
  timeZone: string;
  icsUid: string;
  icsSequence: number;
  /** The lead's email, where the invite goes. */
  email: string | null;
}

/** Who is asking: their conversation, and the email/phone they are known by (for a later conversation). */
export interface Owner {
  conversationId: string;
  email?: string;
  phone?: string;
}

const toMeeting = (r: Record<string, any>): Meeting => ({
  id: r.id, repId: r.rep_id, leadId: r.lead_id, conversationId: r.conversation_id, startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(), timeZone: r.time_zone, icsUid: r.ics_uid, icsSequence: r.ics_sequence, email: r.lead_email ?? null,
});

const RETURNING = "returning *, (select email from leads where id = lead_id) as lead_email";

/** The meeting changed under us (cancelled in another conversation): the transaction rolls back. */
export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, "conflict");
  }
}

export function createBookingRepo(pool: pg.Pool) {
  return {
    /** Reps who take demos, each with their weekly hours (business hours unless stored otherwise). */
    async calendars(): Promise<RepCalendar[]> {
      const { rows } = await pool.query(
        `select r.id, r.timezone, a.weekday, a.start_minute, a.end_minute
           from reps r left join rep_availability a on a.rep_id = r.id
          where r.role = 'rep' order by r.id, a.weekday, a.start_minute`,
      );
      const byRep = new Map<string, RepCalendar & { hours: Record<number, [number, number][]> }>();
      for (const r of rows) {
        let cal = byRep.get(r.id);
        if (!cal) byRep.set(r.id, (cal = { repId: r.id, timeZone: r.timezone || "UTC", hours: {} }));
        if (r.weekday !== null) (cal.hours[r.weekday] ??= []).push([r.start_minute, r.end_minute]);
      }
      return [...byRep.values()].map((c) => ({ ...c, hours: Object.keys(c.hours).length ? (c.hours as WeeklyHours) : BUSINESS_HOURS }));
    },

    async bookedKeys(from: Date): Promise<Set<string>> {
      const { rows } = await pool.query("select rep_id, starts_at from meetings where status = 'booked' and starts_at >= $1", [from]);
      return new Set(rows.map((r) => slotKey(r.rep_id, new Date(r.starts_at).toISOString())));
    },

    async saveOffer(conversationId: string, offer: Offer): Promise<void> {
      await pool.query(
        `insert into demo_offers (conversation_id, time_zone, matched, slots) values ($1, $2, $3, $4)
         on conflict (conversation_id) do update set time_zone = excluded.time_zone, matched = excluded.matched, slots = excluded.slots, offered_at = now()`,
        [conversationId, offer.timeZone, offer.matched, JSON.stringify(offer.slots)],
      );
    },

    async offer(conversationId: string): Promise<Offer | undefined> {
      const { rows } = await pool.query("select time_zone, matched, slots from demo_offers where conversation_id = $1", [conversationId]);
      return rows[0] && { timeZone: rows[0].time_zone, matched: rows[0].matched, slots: rows[0].slots };
    },

    /**
     * The owner's upcoming booked meeting: booked in this conversation, or for the lead of this conversation,
     * or for a lead/contact with exactly this email (case-insensitive) or these phone digits. Nobody else's.
     */
    async meetingOf(owner: Owner, now: Date): Promise<Meeting | undefined> {
      const digits = owner.phone?.replace(/\D/g, "");
      const { rows } = await pool.query(
        `select m.*, l.email as lead_email
           from meetings m left join leads l on l.id = m.lead_id
          where m.status = 'booked' and m.ends_at > $2
            and (m.conversation_id = $1 or m.lead_id in (
                  select x.id from leads x left join contacts c on c.id = x.contact_id
                   where x.conversation_id = $1
                      or ($3::text is not null and (lower(x.email) = $3 or lower(c.email) = $3))
                      or ($4::text is not null and (regexp_replace(x.phone, '[^0-9]', '', 'g') = $4
                                                    or regexp_replace(c.phone, '[^0-9]', '', 'g') = $4))))
          order by m.starts_at limit 1`,
        [owner.conversationId, now, owner.email?.toLowerCase() ?? null, digits && digits.length >= 8 ? digits : null],
      );
      return rows[0] && toMeeting(rows[0]);
    },

    /**
     * Books the slot unless someone else holds it: the unique index on booked (rep_id, starts_at) decides
     * between concurrent requests, so exactly one insert wins and the others get nothing back.
     */
    async book(input: { conversationId: string; leadId: string | null; slot: Slot; timeZone: string }): Promise<Meeting | undefined> {
      return withTransaction(pool, async (client) => {
        const id = `mtg_${randomUUID()}`;
        const meeting = await insertMeeting(client, { ...input, id, icsUid: `${id}@salesgraph`, icsSequence: 0, replacesId: null });
        if (meeting) {
          await activity(client, { id: `act_${meeting.id}`, meeting, subject: "Product demo booked in chat", outcome: "scheduled", at: meeting.startsAt });
          await client.query("delete from demo_offers where conversation_id = $1", [input.conversationId]);
        }
        return meeting;
      });
    },

    /**
     * Moves a meeting in one transaction: the new slot is taken first (same unique index), then the old
     * meeting is cancelled. When the new slot is taken nothing changes and undefined comes back.
     */
    async reschedule(input: { from: Meeting; conversationId: string; slot: Slot; timeZone: string; now: Date }): Promise<Meeting | undefined> {
      return withTransaction(pool, async (client) => {
        const { from } = input;
        const meeting = await insertMeeting(client, {
          id: `mtg_${randomUUID()}`, conversationId: input.conversationId, leadId: from.leadId, slot: input.slot, timeZone: input.timeZone,
          icsUid: from.icsUid, icsSequence: from.icsSequence + 1, replacesId: from.id,
        });
        if (!meeting) return undefined;
        const old = await client.query("update meetings set status = 'cancelled', cancelled_at = $2 where id = $1 and status = 'booked'", [from.id, input.now]);
        if (old.rowCount !== 1) throw new ConflictError(`meeting ${from.id} is no longer booked`);
        await activity(client, { id: `act_${meeting.id}`, meeting, subject: "Product demo rescheduled in chat", outcome: "scheduled", at: meeting.startsAt });
        await client.query("update activities set outcome = 'rescheduled' where id = $1", [`act_${from.id}`]);
        await client.query("delete from demo_offers where conversation_id = $1", [input.conversationId]);
        return meeting;
      });
    },

    /** Cancels a booked meeting (its invite sequence bumped for the CANCEL) and records it as an activity. */
    async cancel(meeting: Meeting, now: Date): Promise<Meeting | undefined> {
      return withTransaction(pool, async (client) => {
        const { rows } = await client.query(
          `update meetings set status = 'cancelled', cancelled_at = $2, ics_sequence = ics_sequence + 1
            where id = $1 and status = 'booked' ${RETURNING}`,
          [meeting.id, now],
        );
        const cancelled = rows[0] && toMeeting(rows[0]);
        if (cancelled) {
          await activity(client, { id: `act_cancel_${cancelled.id}`, meeting: cancelled, subject: "Product demo cancelled in chat", outcome: "cancelled", at: now.toISOString() });
        }
        return cancelled;
      });
    },
  };
}

export type BookingRepo = ReturnType<typeof createBookingRepo>;

async function insertMeeting(
  client: pg.PoolClient,
  m: { id: string; conversationId: string; leadId: string | null; slot: Slot; timeZone: string; icsUid: string; icsSequence: number; replacesId: string | null },
): Promise<Meeting | undefined> {
  const { rows } = await client.query(
    `insert into meetings (id, rep_id, lead_id, conversation_id, kind, starts_at, ends_at, time_zone, ics_uid, ics_sequence, replaces_id)
     values ($1, $2, $3, $4, 'demo', $5, $6, $7, $8, $9, $10)
     on conflict (rep_id, starts_at) where status = 'booked' do nothing ${RETURNING}`,
    [m.id, m.slot.repId, m.leadId, m.conversationId, m.slot.startsAt, m.slot.endsAt, m.timeZone, m.icsUid, m.icsSequence, m.replacesId],
  );
  return rows[0] && toMeeting(rows[0]);
}

async function activity(client: pg.PoolClient, a: { id: string; meeting: Meeting; subject: string; outcome: string; at: string }) {
  await client.query(
    `insert into activities (id, kind, direction, lead_id, rep_id, subject, outcome, occurred_at)
     values ($1, 'demo', 'inbound', $2, $3, $4, $5, $6)`,
    [a.id, a.meeting.leadId, a.meeting.repId, a.subject, a.outcome, a.at],
  );
}
