import { DateTime } from "luxon";
import { addDays, wallTime, zonedInstant } from "./zoned-time.js";

/** Minutes after local midnight, per ISO weekday (1 Monday … 7 Sunday). */
export type WeeklyHours = Partial<Record<number, readonly (readonly [number, number])[]>>;

export const BUSINESS_HOURS: WeeklyHours = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [[9 * 60, 17 * 60]] as const]));

export interface RepCalendar {
  repId: string;
  timeZone: string;
  hours: WeeklyHours;
}

export interface Slot {
  repId: string;
  startsAt: string;
  endsAt: string;
}

export interface SlotOptions {
  now: Date;
  /** Business days to look ahead, counting today. */
  businessDays?: number;
  durationMinutes?: number;
  /** No slot sooner than this after `now`, so a person can prepare. */
  noticeMinutes?: number;
  /** "repId|ISO start" of meetings already booked. */
  booked: ReadonlySet<string>;
}

export const slotKey = (repId: string, startsAt: string) => `${repId}|${startsAt}`;

/** Every free slot of every rep in the window, earliest first (ties by rep id). */
export function freeSlots(reps: readonly RepCalendar[], options: SlotOptions): Slot[] {
  const days = options.businessDays ?? 10;
  const duration = options.durationMinutes ?? 30;
  const earliest = options.now.getTime() + (options.noticeMinutes ?? 120) * 60_000;
  const out: Slot[] = [];
  for (const rep of reps) {
    const today = wallTime(options.now, rep.timeZone);
    let counted = 0;
    for (let offset = 0; counted < days && offset < days * 3; offset++) {
      const date = addDays(today, offset);
      if (date.weekday > 5) continue;
      counted++;
      for (const [from, to] of rep.hours[date.weekday] ?? []) {
        for (let m = from; m + duration <= to; m += duration) {
          const start = zonedInstant(date.year, date.month, date.day, Math.floor(m / 60), m % 60, rep.timeZone);
          if (start.getTime() < earliest) continue;
          const startsAt = start.toISOString();
          if (options.booked.has(slotKey(rep.repId, startsAt))) continue;
          out.push({ repId: rep.repId, startsAt, endsAt: new Date(start.getTime() + duration * 60_000).toISOString() });
        }
      }
    }
  }
  return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.repId.localeCompare(b.repId));
}

/**
 * Three choices a person can tell apart: the first free slot of three different days (in the prospect's
 * time zone), the second and third a little later in the day than the one before, for variety.
 */
export function proposeSlots(free: readonly Slot[], timeZone: string, count = 3): Slot[] {
  const picked: Slot[] = [];
  const days = new Set<string>();
  for (const slot of free) {
    const w = wallTime(new Date(slot.startsAt), timeZone);
    const day = `${w.year}-${w.month}-${w.day}`;
    if (days.has(day)) continue;
    const minHour = 9 + picked.length * 2;
    const later = free.find((s) => {
      const x = wallTime(new Date(s.startsAt), timeZone);
      return `${x.year}-${x.month}-${x.day}` === day && x.hour >= minHour;
    });
    picked.push(later ?? slot);
    days.add(day);
    if (picked.length === count) break;
  }
  return picked;
}

/** "Tuesday 1 December, 2:00 pm EST (America/New_York)": the prospect's wall clock, zone named twice over. */
export function formatSlot(startsAt: string, timeZone: string): string {
  const local = DateTime.fromISO(startsAt, { zone: timeZone, locale: "en-US" });
  const abbreviation = local.toFormat("ZZZZ");
  const text = `${local.toFormat("cccc d LLLL")}, ${local.toFormat("h:mm a").toLowerCase()} ${abbreviation}`;
  return abbreviation === timeZone ? text : `${text} (${timeZone})`;
}
