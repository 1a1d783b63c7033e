import type pg from "pg";
import type { Clock } from "../../src/core/clock.js";
import { BadInputError } from "../../src/core/errors.js";
import { upsertConversationLead } from "../capture/lead-store.js";
import { defineTool, type ToolContext } from "../registry.js";
import { buildIcs } from "./ics.js";
import { createBookingRepo, type Meeting } from "./repo.js";
import { BookDemoInput, type BookDemoOutput, type PublicSlot } from "./schema.js";
import { formatSlot, freeSlots, proposeSlots, type Slot } from "./slots.js";
import { isTimeZone } from "./zoned-time.js";

/**
 * Public: offers three demo slots from the reps' availability and books the one the prospect picks, for
 * the caller's own conversation only. The output never names the rep.
 */
export function createBookDemoTool(deps: { pool: pg.Pool; clock: Clock; companyName: string }) {
  const repo = createBookingRepo(deps.pool);

  const shown = (slots: readonly Slot[], timeZone: string): PublicSlot[] =>
    slots.map((s, i) => ({ n: i + 1, startsAt: s.startsAt, endsAt: s.endsAt, label: formatSlot(s.startsAt, timeZone) }));

  async function offer(context: ToolContext, timeZone: string): Promise<BookDemoOutput> {
    const now = deps.clock.now();
    const free = freeSlots(await repo.calendars(), { now, booked: await repo.bookedKeys(now) });
    const slots = proposeSlots(free, timeZone);
    if (slots.length === 0) return { status: "no_slots" };
    await repo.saveOffer(context.conversationId, { timeZone, slots });
    return { status: "offered", timeZone, slots: shown(slots, timeZone) };
  }

  const booked = (m: Meeting, timeZone: string, email?: string): BookDemoOutput => ({
    status: "booked",
    meetingId: m.id,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    label: formatSlot(m.startsAt, timeZone),
    ics: buildIcs({
      uid: `${m.id}@salesgraph`,
      start: new Date(m.startsAt),
      end: new Date(m.endsAt),
      stamp: deps.clock.now(),
      summary: `${deps.companyName} product demo`,
      description: `Your ${deps.companyName} demo with a member of our team. The video link follows by email.`,
      location: "Online",
      attendeeEmail: email,
    }),
  });

  return defineTool({
    name: "book_demo",
    description: "Offer three demo slots (action offer), check this conversation's offer or booking (status), or book offered slot n (book).",
    audience: "public",
    schema: BookDemoInput,
    run: async (input, context): Promise<BookDemoOutput> => {
      const existing = await repo.meetingOf(context.conversationId);
      const pending = await repo.offer(context.conversationId);
      const timeZone = pending?.timeZone ?? "UTC";
      if (existing) return booked(existing, timeZone);
      if (input.action === "status") return pending ? { status: "offered", timeZone, slots: shown(pending.slots, timeZone) } : { status: "none" };
      if (input.action === "offer") {
        const zone = input.timeZone && isTimeZone(input.timeZone) ? input.timeZone : "UTC";
        return offer(context, zone);
      }
      const slot = pending?.slots[input.choice - 1];
      if (!slot) throw new BadInputError(`book_demo: there is no offered slot ${input.choice}; offer slots first`);
      const now = deps.clock.now();
      const leadId = await upsertConversationLead(deps.pool, {
        conversationId: context.conversationId, channel: context.channel, slots: input.email ? { email: input.email } : {}, demoRequested: true, now,
      });
      const meeting = await repo.book({ conversationId: context.conversationId, leadId, slot, now });
      if (meeting) return booked(meeting, timeZone, input.email);
      const fresh = await offer(context, timeZone);
      return fresh.status === "offered" ? { ...fresh, status: "taken" } : fresh;
    },
  });
}
