import { DateTime } from "luxon";
import { proposeSlots, type Slot } from "./slots.js";
import { wallTime } from "./zoned-time.js";
import { DAYPARTS, minutesOf } from "./time-words.js";
import type { TimeRequest } from "./time-request.js";

/**
 * How an offer relates to what was asked: `exact` the requested time is free (first option), `window` slots
 * inside the requested days/parts of day, `nearest` nothing fits so the nearest free times, `any` no request.
 */
export type Matched = "exact" | "window" | "nearest" | "any";

export interface Choices {
  matched: Matched;
  slots: Slot[];
}

const ms = (slot: Slot) => Date.parse(slot.startsAt);

/** One slot per start time (the first rep), so an offer never lists the same time twice. */
export function distinctTimes(free: readonly Slot[]): Slot[] {
  const seen = new Set<string>();
  return [...free].sort((a, b) => ms(a) - ms(b) || a.repId.localeCompare(b.repId)).filter((s) => !seen.has(s.startsAt) && seen.add(s.startsAt));
}

/** The `count` free times closest to `target` (earlier wins a tie), in time order. */
export function nearestSlots(free: readonly Slot[], target: number, count = 3): Slot[] {
  return distinctTimes(free)
    .sort((a, b) => Math.abs(ms(a) - target) - Math.abs(ms(b) - target) || ms(a) - ms(b))
    .slice(0, count)
    .sort((a, b) => ms(a) - ms(b));
}

/** Does the slot fall inside the request's days, parts of day and after/before bounds (exact time aside)? */
export function fitsWindow(slot: Slot, request: TimeRequest): boolean {
  const start = wallTime(new Date(slot.startsAt), request.timeZone);
  const date = `${start.year}-${String(start.month).padStart(2, "0")}-${String(start.day).padStart(2, "0")}`;
  const from = start.hour * 60 + start.minute;
  const to = from + (Date.parse(slot.endsAt) - ms(slot)) / 60_000;
  if (request.days && !request.days.some((d) => d.from <= date && date <= d.to)) return false;
  if (request.dayparts && !request.dayparts.some((p) => DAYPARTS[p].from <= from && to <= DAYPARTS[p].to)) return false;
  if (request.after && from < minutesOf(request.after)) return false;
  if (request.before && to > minutesOf(request.before)) return false;
  return true;
}

/** The first moment the request points at that is still ahead: where "nearest" is measured from. */
export function requestTarget(request: TimeRequest, now: Date): number {
  const zone = request.timeZone;
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const firstDay = request.days?.[0] ? DateTime.fromISO(request.days[0].from, { zone }) : today;
  const lastDay = request.days?.length ? DateTime.fromISO(request.days.at(-1)!.to, { zone }) : today.plus({ days: 1 });
  const clock = request.exactTime ?? request.after ?? (request.dayparts ? { hour: DAYPARTS[request.dayparts[0]!].from / 60, minute: 0 } : { hour: 0, minute: 0 });
  for (let d = firstDay; d <= lastDay; d = d.plus({ days: 1 })) {
    const t = d.set({ hour: clock.hour, minute: clock.minute }).toMillis();
    if (t > now.getTime()) return t;
  }
  return now.getTime();
}

/** Spread `count` picks over the window: different days when it spans several, else across the day. */
function varied(window: readonly Slot[], timeZone: string, count: number): Slot[] {
  const days = new Set(window.map((s) => DateTime.fromISO(s.startsAt, { zone: timeZone }).toISODate()));
  if (days.size >= count) return proposeSlots(window, timeZone, count);
  const times = distinctTimes(window);
  if (times.length <= count) return times;
  return Array.from({ length: count }, (_, i) => times[Math.round((i * (times.length - 1)) / (count - 1))]!);
}

/** Local hours in which we offer a prospect a demo unless they ask for another time outright. */
export const WAKING_HOURS = { from: 8, to: 19 } as const;

/**
 * The slots that start at a reasonable hour for the prospect: reps work in many zones, and a rep's morning
 * can be the prospect's midnight. A request for an early or late time keeps every slot.
 */
export function withinWakingHours(free: readonly Slot[], timeZone: string, request?: TimeRequest): Slot[] {
  const asked = request?.exactTime ?? request?.after ?? request?.before;
  if (asked && (asked.hour < WAKING_HOURS.from || asked.hour >= WAKING_HOURS.to)) return [...free];
  if (request?.dayparts?.includes("evening")) return [...free];
  const waking = free.filter((s) => {
    const hour = wallTime(new Date(s.startsAt), timeZone).hour;
    return hour >= WAKING_HOURS.from && hour < WAKING_HOURS.to;
  });
  return waking.length > 0 ? waking : [...free];
}

/**
 * Slots for a request: the exact time first when it is free (then the nearest others), else the window's
 * slots, else the nearest free times to what was asked. Without a request, three varied slots.
 */
export function choose(all: readonly Slot[], request: TimeRequest | undefined, options: { now: Date; timeZone: string; count?: number }): Choices {
  const { now, count = 3 } = options;
  const free = withinWakingHours(all, options.timeZone, request);
  if (!request) return { matched: "any", slots: proposeSlots(free, options.timeZone, count) };
  const window = free.filter((s) => fitsWindow(s, request));
  if (request.exactTime) {
    const { hour, minute } = request.exactTime;
    const exact = distinctTimes(window).find((s) => {
      const t = DateTime.fromISO(s.startsAt, { zone: request.timeZone });
      return t.hour === hour && t.minute === minute;
    });
    if (exact) return { matched: "exact", slots: [exact, ...nearestSlots(free.filter((s) => s.startsAt !== exact.startsAt), ms(exact), count - 1)] };
    return { matched: "nearest", slots: nearestSlots(free, requestTarget(request, now), count) };
  }
  if (window.length) return { matched: "window", slots: varied(window, request.timeZone, count) };
  return { matched: "nearest", slots: nearestSlots(free, requestTarget(request, now), count) };
}
