import { z } from "zod";

export const BookDemoInput = z.discriminatedUnion("action", [
  /** The pending offer or booking of this conversation, if any. */
  z.object({ action: z.literal("status") }),
  /** Three fresh slots, shown in `timeZone` (IANA; UTC when unknown). */
  z.object({ action: z.literal("offer"), timeZone: z.string().trim().min(1).max(64).optional() }),
  /** Books offered slot number `choice` (1-based) of this conversation's offer. */
  z.object({ action: z.literal("book"), choice: z.number().int().min(1).max(10), email: z.string().email().optional() }),
]);
export type BookDemoInput = z.infer<typeof BookDemoInput>;

/** What a prospect may see: times and an invite, never which rep or any other booking. */
export interface PublicSlot {
  n: number;
  startsAt: string;
  endsAt: string;
  label: string;
}

export type BookDemoOutput =
  | { status: "none" }
  | { status: "offered"; timeZone: string; slots: PublicSlot[] }
  | { status: "booked"; meetingId: string; startsAt: string; endsAt: string; label: string; ics: string }
  | { status: "taken"; timeZone: string; slots: PublicSlot[] }
  | { status: "no_slots" };
