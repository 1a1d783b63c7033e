import { DateTime, IANAZone } from "luxon";

/** Wall-clock arithmetic in IANA time zones, through luxon. */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
}

/**
 * A zone's UTC offset (minutes) over one UTC hour, cached: offering slots converts thousands of instants,
 * and offsets only change on whole hours (DST transitions), so one luxon lookup per zone and hour is enough.
 */
const offsets = new Map<string, number>();
function offsetAt(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / 3_600_000);
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 100_000) offsets.clear();
    offset = DateTime.fromMillis(hour * 3_600_000, { zone: timeZone }).offset;
    offsets.set(key, offset);
  }
  return offset;
}

export function wallTime(instant: Date, timeZone: string): WallTime {
  const local = new Date(instant.getTime() + offsetAt(instant.getTime(), timeZone) * 60_000);
  return {
    year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
    hour: local.getUTCHours(), minute: local.getUTCMinutes(), weekday: ((local.getUTCDay() + 6) % 7) + 1,
  };
}

/** The instant at which clocks in `timeZone` show this date and time (DST-aware; a skipped hour moves forward). */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, timeZone) * 60_000;
  const second = guess - offsetAt(first, timeZone) * 60_000;
  if (second === first) return new Date(second);
  // Around a transition: keep the reading that shows the asked time, else (a skipped hour) the later one.
  const shows = (t: number) => wallTime(new Date(t), timeZone).hour === hour;
  return new Date(shows(second) ? second : shows(first) ? first : Math.max(first, second));
}

/** The calendar date `days` after the given one (month and year roll over). */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const { year, month, day, weekday } = DateTime.utc(date.year, date.month, date.day).plus({ days });
  return { year, month, day, weekday };
}

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}
