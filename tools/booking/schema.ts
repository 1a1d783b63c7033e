import { z } from "zod";
import type { Matched } from "./match-request.js";
import type { TimeRequest } from "./time-request.js";

const timeZone = z.string().trim().min(1).max(64)
  .describe("The prospect's IANA time zone, e.g. America/New_York. Times are read and shown in it; UTC when unknown.");
const contact = z
  .object({
    email: z.email().optional().describe("The prospect's known email address."),
    phone: z.string().trim().min(7).max(32).optional().describe("The prospect's known phone number."),
  })
  .optional()
  .describe("How the prospect is known, to find a demo they booked in an earlier conversation. Only their own details.");
const choice = z.number().int().min(1).max(10).optional().describe("Number n (1-based) of a slot in this conversation's latest offer.");
const startsAt = z.iso.datetime({ offset: true }).optional()
  .describe("Start of the wanted slot as an ISO instant, e.g. 2026-12-01T19:00:00Z: an offered slot or any time still free.");
const oneTarget = (v: { choice?: number; startsAt?: string }) => (v.choice === undefined) !== (v.startsAt === undefined);
const target = { message: "give exactly one of choice or startsAt" };

export const BookDemoInput = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("status").describe("The prospect's upcoming demo if booked, else this conversation's pending offer."),
    timeZone: timeZone.optional(),
    contact,
  }),
  z.object({
    action: z.literal("offer").describe("Offer up to three free demo slots, matching the prospect's words when given."),
    timeZone: timeZone.optional(),
    request: z.string().trim().min(1).max(200).optional()
      .describe("The prospect's own words about when, e.g. 'Tuesday at 2pm', 'tomorrow morning', 'next week, afternoons', 'after 3pm'."),
    contact,
  }),
  z.object({
    action: z.literal("book").describe("Book one slot: by choice (from the offer) or startsAt."),
    choice,
    startsAt,
    email: z.email().optional().describe("Where the calendar invite goes."),
    timeZone: timeZone.optional(),
    contact,
  }).refine(oneTarget, target),
  z.object({
    action: z.literal("reschedule").describe("Move the prospect's booked demo to another slot: by choice (from a fresh offer) or startsAt."),
    choice,
    startsAt,
    timeZone: timeZone.optional(),
    contact,
  }).refine(oneTarget, target),
  z.object({
    action: z.literal("cancel").describe("Cancel the prospect's booked demo."),
    contact,
  }),
]).describe("One booking action for the prospect in this conversation: status, offer, book, reschedule or cancel.");
export type BookDemoInput = z.infer<typeof BookDemoInput>;

/** What a prospect may see: times and an invite, never which rep or any other booking. */
export interface PublicSlot {
  n: number;
  startsAt: string;
  endsAt: string;
  label: string;
  /** Present on the slot at exactly the requested time. */
  exact?: true;
}

export interface PublicMeeting {
  meetingId: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** E.g. "Tuesday 1 December, 2:00 pm EST (America/New_York)". */
  label: string;
}

/** The result of a change: the invite (.ics text) and whether it was emailed. */
interface Invite {
  ics: string;
  emailed: boolean;
}

export type BookDemoOutput =
  | { status: "none" }
  | { status: "offered"; timeZone: string; matched: Matched; slots: PublicSlot[]; request?: TimeRequest }
  /** The chosen time could not be had (someone was quicker, or it is not free): the nearest free times instead. */
  | { status: "taken"; timeZone: string; matched: "nearest"; slots: PublicSlot[] }
  | ({ status: "booked"; alreadyBooked?: true } & PublicMeeting & Invite)
  | ({ status: "rescheduled"; previous: { startsAt: string; label: string } } & PublicMeeting & Invite)
  | ({ status: "cancelled" } & PublicMeeting & Invite)
  | { status: "no_slots" };
