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

export function wallTime(instant: Date, timeZone: string): WallTime {
  const { year, month, day, hour, minute, weekday } = DateTime.fromJSDate(instant, { zone: timeZone });
  return { year, month, day, hour, minute, weekday };
}

/** The instant at which clocks in `timeZone` show this date and time (DST-aware; a skipped hour moves forward). */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone }).toJSDate();
}

/** The calendar date `days` after the given one (month and year roll over). */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const { year, month, day, weekday } = DateTime.utc(date.year, date.month, date.day).plus({ days });
  return { year, month, day, weekday };
}

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}
