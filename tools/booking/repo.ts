import { randomUUID } from "node:crypto";
import type pg from "pg";
import { withTransaction } from "../../src/infra/postgres/pool.js";
import { BUSINESS_HOURS, slotKey, type RepCalendar, type Slot, type WeeklyHours } from "./slots.js";

export interface Offer {
  timeZone: string;
  slots: Slot[];
}

export interface Meeting {
  id: string;
  repId: string;
  leadId: string | null;
  startsAt: string;
  endsAt: string;
}

const toMeeting = (r: Record<string, any>): Meeting => ({
  id: r.id, repId: r.rep_id, leadId: r.lead_id, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(),
});

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
        `insert into demo_offers (conversation_id, time_zone, slots) values ($1, $2, $3)
         on conflict (conversation_id) do update set time_zone = excluded.time_zone, slots = excluded.slots, offered_at = now()`,
        [conversationId, offer.timeZone, JSON.stringify(offer.slots)],
      );
    },

    async offer(conversationId: string): Promise<Offer | undefined> {
      const { rows } = await pool.query("select time_zone, slots from demo_offers where conversation_id = $1", [conversationId]);
      return rows[0] && { timeZone: rows[0].time_zone, slots: rows[0].slots };
    },

    async meetingOf(conversationId: string): Promise<Meeting | undefined> {
      const { rows } = await pool.query(
        "select * from meetings where conversation_id = $1 and status = 'booked' order by created_at limit 1",
        [conversationId],
      );
      return rows[0] && toMeeting(rows[0]);
    },

    /**
     * Books the slot unless someone else holds it: the unique (rep_id, starts_at) constraint decides between
     * concurrent requests, so exactly one insert wins and the others get nothing back.
     */
    async book(input: { conversationId: string; leadId: string | null; slot: Slot; now: Date }): Promise<Meeting | undefined> {
      return withTransaction(pool, async (client) => {
        const { rows } = await client.query(
          `insert into meetings (id, rep_id, lead_id, conversation_id, kind, starts_at, ends_at)
           values ($1, $2, $3, $4, 'demo', $5, $6) on conflict (rep_id, starts_at) do nothing returning *`,
          [`mtg_${randomUUID()}`, input.slot.repId, input.leadId, input.conversationId, input.slot.startsAt, input.slot.endsAt],
        );
        const meeting = rows[0] && toMeeting(rows[0]);
        if (meeting) {
          await client.query(
            `insert into activities (id, kind, direction, lead_id, rep_id, subject, outcome, occurred_at)
             values ($1, 'demo', 'inbound', $2, $3, 'Product demo booked in chat', 'scheduled', $4)`,
            [`act_${meeting.id}`, input.leadId, meeting.repId, meeting.startsAt],
          );
          await client.query("delete from demo_offers where conversation_id = $1", [input.conversationId]);
        }
        return meeting;
      });
    },
  };
}

export type BookingRepo = ReturnType<typeof createBookingRepo>;
