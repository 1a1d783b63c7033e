import type pg from "pg";
import { BadInputError } from "../../src/core/errors.js";
import { upsertConversationLead } from "../capture/lead-store.js";
import { defineTool } from "../registry.js";
import { createInvites, type InviteDeps } from "./invite.js";
import { choose, nearestSlots, type Matched } from "./match-request.js";
import { createBookingRepo, type Meeting, type Owner } from "./repo.js";
import { BookDemoInput, type BookDemoOutput, type PublicMeeting, type PublicSlot } from "./schema.js";
import { formatSlot, freeSlots, type Slot } from "./slots.js";
import { parseTimeRequest } from "./time-request.js";
import { isTimeZone } from "./zoned-time.js";

export interface BookDemoDeps extends InviteDeps {
  pool: pg.Pool;
}

const DAY_MS = 86_400_000;

/**
 * Public: offers demo slots (matching the prospect's own words when given), books, moves and cancels the
 * prospect's demo. A meeting is found by this conversation or by the prospect's own email/phone, never
 * anyone else's; the output never names the rep.
 */
export function createBookDemoTool(deps: BookDemoDeps) {
  const repo = createBookingRepo(deps.pool);
  const invites = createInvites(deps);

  const zone = (name: string | undefined, fallback: string) => {
    if (name === undefined) return fallback;
    if (!isTimeZone(name)) throw new BadInputError(`book_demo: unknown time zone '${name}'; use an IANA name such as America/New_York`);
    return name;
  };
  const shown = (slots: readonly Slot[], timeZone: string, matched: Matched): PublicSlot[] =>
    slots.map((s, i) => ({ n: i + 1, startsAt: s.startsAt, endsAt: s.endsAt, label: formatSlot(s.startsAt, timeZone), ...(i === 0 && matched === "exact" ? { exact: true as const } : {}) }));
  const publicMeeting = (m: Meeting, timeZone: string): PublicMeeting => ({
    meetingId: m.id, startsAt: m.startsAt, endsAt: m.endsAt, timeZone, label: formatSlot(m.startsAt, timeZone),
  });

  /** Free slots from now until far enough to reach `until` (at least ten business days). */
  const free = async (now: Date, until?: number) => {
    const days = until ? Math.min(60, Math.max(10, Math.ceil((until - now.getTime()) / DAY_MS) + 1)) : 10;
    return freeSlots(await repo.calendars(), { now, booked: await repo.bookedKeys(now), businessDays: days });
  };

  async function offer(conversationId: string, timeZone: string, words: string | undefined, now: Date): Promise<BookDemoOutput> {
    const request = words ? parseTimeRequest(words, { now, timeZone }) : undefined;
    const horizon = request?.days?.length ? Date.parse(`${request.days.at(-1)!.to}T23:59:59Z`) : undefined;
    const { matched, slots } = choose(await free(now, horizon), request, { now, timeZone });
    if (slots.length === 0) return { status: "no_slots" };
    await repo.saveOffer(conversationId, { timeZone, matched, slots });
    return { status: "offered", timeZone, matched, slots: shown(slots, timeZone, matched), ...(request ? { request } : {}) };
  }

  /** The wanted time was lost or is not free: the nearest other free times, saved as the new offer. */
  async function taken(conversationId: string, timeZone: string, startsAt: string, now: Date): Promise<BookDemoOutput> {
    const target = Date.parse(startsAt);
    const slots = nearestSlots((await free(now, target)).filter((s) => s.startsAt !== startsAt), target);
    if (slots.length === 0) return { status: "no_slots" };
    await repo.saveOffer(conversationId, { timeZone, matched: "nearest", slots });
    return { status: "taken", timeZone, matched: "nearest", slots: shown(slots, timeZone, "nearest") };
  }

  /** The slot asked for: offered slot n, the offered slot at startsAt, or the first rep free at startsAt. */
  async function wanted(conversationId: string, target: { choice?: number; startsAt?: string }, now: Date) {
    const pending = await repo.offer(conversationId);
    if (target.choice !== undefined) {
      const slot = pending?.slots[target.choice - 1];
      if (!slot) throw new BadInputError(`book_demo: there is no offered slot ${target.choice}; offer slots first`);
      return { slot, startsAt: slot.startsAt, offerZone: pending?.timeZone };
    }
    const startsAt = new Date(target.startsAt!).toISOString();
    const slot = pending?.slots.find((s) => s.startsAt === startsAt) ?? (await free(now, Date.parse(startsAt))).find((s) => s.startsAt === startsAt);
    return { slot, startsAt, offerZone: pending?.timeZone };
  }

  return defineTool({
    name: "book_demo",
    description:
      "Demo scheduling for the prospect in this conversation. offer: up to three free slots, matched to the prospect's words " +
      "in `request` (e.g. 'Tuesday at 2pm', 'tomorrow morning'); an exactly matching slot comes first with exact: true, otherwise " +
      "the nearest free times (matched says which). book: slot n of the offer (choice) or a free startsAt. reschedule: move the " +
      "booked demo the same way. cancel: cancel it. status: the booked demo or the pending offer. Pass timeZone (IANA) to read " +
      "and show times in the prospect's zone, and contact (their own email/phone) to find a demo booked in an earlier conversation. " +
      "Bookings, moves and cancellations return the calendar invite (ics) and whether it was emailed.",
    audience: "public",
    schema: BookDemoInput,
    run: async (input, context): Promise<BookDemoOutput> => {
      const now = deps.clock.now();
      const conversationId = context.conversationId;
      const email = input.action === "book" ? input.email : undefined;
      const owner: Owner = { conversationId, email: input.contact?.email ?? email, phone: input.contact?.phone };
      const existing = await repo.meetingOf(owner, now);
      const askedZone = "timeZone" in input ? input.timeZone : undefined;

      switch (input.action) {
        case "status": {
          if (existing) {
            const timeZone = zone(askedZone, existing.timeZone);
            return { status: "booked", ...publicMeeting(existing, timeZone), ics: invites.ics(existing, "booked"), emailed: false };
          }
          const pending = await repo.offer(conversationId);
          if (!pending) return { status: "none" };
          const timeZone = zone(askedZone, pending.timeZone);
          return { status: "offered", timeZone, matched: pending.matched, slots: shown(pending.slots, timeZone, pending.matched) };
        }
        case "offer": {
          const pending = existing ? undefined : await repo.offer(conversationId);
          return offer(conversationId, zone(askedZone, existing?.timeZone ?? pending?.timeZone ?? "UTC"), input.request, now);
        }
        case "book": {
          if (existing) {
            const timeZone = zone(askedZone, existing.timeZone);
            return { status: "booked", alreadyBooked: true, ...publicMeeting(existing, timeZone), ics: invites.ics(existing, "booked"), emailed: false };
          }
          const { slot, startsAt, offerZone } = await wanted(conversationId, input, now);
          const timeZone = zone(askedZone, offerZone ?? "UTC");
          if (!slot || Date.parse(startsAt) <= now.getTime()) return taken(conversationId, timeZone, startsAt, now);
          const leadId = await upsertConversationLead(deps.pool, {
            conversationId, channel: context.channel, slots: email ? { email } : {}, demoRequested: true, now,
          });
          const meeting = await repo.book({ conversationId, leadId, slot, timeZone });
          if (!meeting) return taken(conversationId, timeZone, startsAt, now);
          return { status: "booked", ...publicMeeting(meeting, timeZone), ...(await invites.deliver(meeting, "booked", timeZone)) };
        }
        case "reschedule": {
          if (!existing) return { status: "none" };
          const { slot, startsAt, offerZone } = await wanted(conversationId, input, now);
          const timeZone = zone(askedZone, offerZone ?? existing.timeZone);
          if (startsAt === existing.startsAt) {
            return { status: "booked", alreadyBooked: true, ...publicMeeting(existing, timeZone), ics: invites.ics(existing, "booked"), emailed: false };
          }
          if (!slot || Date.parse(startsAt) <= now.getTime()) return taken(conversationId, timeZone, startsAt, now);
          const meeting = await repo.reschedule({ from: existing, conversationId, slot, timeZone, now });
          if (!meeting) return taken(conversationId, timeZone, startsAt, now);
          const previous = { startsAt: existing.startsAt, label: formatSlot(existing.startsAt, timeZone) };
          return { status: "rescheduled", previous, ...publicMeeting(meeting, timeZone), ...(await invites.deliver(meeting, "rescheduled", timeZone)) };
        }
        case "cancel": {
          const cancelled = existing && (await repo.cancel(existing, now));
          if (!cancelled) return { status: "none" };
          return { status: "cancelled", ...publicMeeting(cancelled, cancelled.timeZone), ...(await invites.deliver(cancelled, "cancelled", cancelled.timeZone)) };
        }
      }
    },
  });
}
