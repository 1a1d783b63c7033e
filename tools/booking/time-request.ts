import { DateTime } from "luxon";
import { clockTime, DAYPARTS, minutesOf, MONTH, monthNumber, normalize, TIME, WEEKDAY, weekdayNumber, type ClockTime, type Daypart } from "./time-words.js";

export type { ClockTime, Daypart } from "./time-words.js";

/** Inclusive calendar dates (yyyy-mm-dd) in the request's time zone; one day has from = to. */
export interface DateRange {
  from: string;
  to: string;
}

/** When a prospect said they could meet, as wall-clock terms in `timeZone`. Absent fields do not constrain. */
export interface TimeRequest {
  timeZone: string;
  days?: DateRange[];
  dayparts?: Daypart[];
  exactTime?: ClockTime;
  after?: ClockTime;
  before?: ClockTime;
  /** A numeric date such as "3/12" (3 December or 12 March?), left for the caller to ask about, not guessed. */
  ambiguousDate?: string;
}

/** Reads text left to right; every match is blanked out so later patterns never read the same words twice. */
class Scanner {
  constructor(private text: string) {}
  take(pattern: RegExp): RegExpExecArray[] {
    const found = [...this.text.matchAll(new RegExp(pattern.source, "g"))];
    for (const m of found) this.text = this.text.slice(0, m.index) + " ".repeat(m[0].length) + this.text.slice(m.index + m[0].length);
    return found;
  }
}

const iso = (d: DateTime) => d.toISODate()!;
const day = (d: DateTime): DateRange => ({ from: iso(d), to: iso(d) });

/**
 * Reads a time request ("Tuesday at 2pm", "tomorrow morning", "next week, afternoons", "Dec 3 at 10",
 * "after 3pm") against the clock in the prospect's zone. Undefined when the text asks for no time.
 *
 * Rules: a weekday means its next occurrence, today only while the requested time (or, without one, the
 * business day ending 17:00) is still ahead; "next Tuesday" is the Tuesday of next week (weeks start on
 * Monday), so on a Monday it is eight days away; a date without a year is the next such date; d/m vs m/d
 * is read only when one number is over 12, otherwise reported as `ambiguousDate`.
 */
export function parseTimeRequest(text: string, options: { now: Date; timeZone: string }): TimeRequest | undefined {
  const now = DateTime.fromJSDate(options.now, { zone: options.timeZone });
  const today = now.startOf("day");
  const monday = today.minus({ days: today.weekday - 1 });
  const s = new Scanner(normalize(text));
  const dates: DateRange[] = [];
  const parts = new Set<Daypart>();
  let week: DateRange | undefined;
  let ambiguousDate: string | undefined;

  const calendarDate = (year: number | undefined, month: number, dayOfMonth: number) => {
    let d = DateTime.fromObject({ year: year ?? today.year, month, day: dayOfMonth }, { zone: options.timeZone });
    if (!year && d.isValid && d < today) d = d.plus({ years: 1 });
    if (d.isValid) dates.push(day(d));
  };
  const year = (y: string | undefined) => (y ? (y.length === 2 ? 2000 + Number(y) : Number(y)) : undefined);
  for (const m of s.take(/\b(\d{4})-(\d{2})-(\d{2})\b/)) calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  for (const m of s.take(new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`))) calendarDate(year(m[3]), monthNumber(m[1]!), Number(m[2]));
  for (const m of s.take(new RegExp(`(?<!\\bat )\\b(\\d{1,2})(st|nd|rd|th)?\\s+(of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?\\b`))) {
    if (m[4] === "may" && !m[2] && !m[3] && !m[5]) continue; // "10 may work" is not the 10th of May
    calendarDate(year(m[5]), monthNumber(m[4]!), Number(m[1]));
  }
  for (const m of s.take(/\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b/)) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12 || a === b) calendarDate(year(m[3]), b, a);
    else if (b > 12) calendarDate(year(m[3]), a, b);
    else ambiguousDate = m[0];
  }

  if (s.take(/\bday after tomorrow\b/).length) dates.push(day(today.plus({ days: 2 })));
  if (s.take(/\b(tomorrow|tmrw|tmr)\b/).length) dates.push(day(today.plus({ days: 1 })));
  if (s.take(/\btonight\b/).length) (dates.push(day(today)), parts.add("evening"));
  for (const m of s.take(/\bthis (morning|afternoon|evening)\b/)) (dates.push(day(today)), parts.add(m[1] as Daypart));
  if (s.take(/\btoday\b/).length) dates.push(day(today));
  const nextMonday = monday.plus({ weeks: 1 });
  const range = (from: DateTime, to: DateTime): DateRange => ({ from: iso(from), to: iso(to) });
  if (s.take(/\bearly next week\b/).length) week = range(nextMonday, nextMonday.plus({ days: 1 }));
  if (s.take(/\b(late|later|end of) next week\b/).length) week = range(nextMonday.plus({ days: 3 }), nextMonday.plus({ days: 4 }));
  if (s.take(/\b(next|the following) week\b/).length) week = range(nextMonday, nextMonday.plus({ days: 6 }));
  if (s.take(/\blater (this|in the) week\b/).length) {
    week = today.weekday < 7 ? range(today.plus({ days: 1 }), monday.plus({ days: 6 })) : range(nextMonday, nextMonday.plus({ days: 4 }));
  }
  if (s.take(/\b(end of|late) (this|the) week\b/).length) {
    week = today.weekday <= 5 ? range(DateTime.max(today, monday.plus({ days: 3 })), monday.plus({ days: 4 })) : range(nextMonday.plus({ days: 3 }), nextMonday.plus({ days: 4 }));
  }
  if (s.take(/\bthis week\b/).length) week = range(today, monday.plus({ days: 6 }));

  for (const m of s.take(/\b(?:in the |during the )?(morning|afternoon|evening)s?\b/)) parts.add(m[1] as Daypart);
  const hint = parts.size === 1 ? [...parts][0] : undefined;
  const time = (m: RegExpExecArray, at: number) => clockTime(m[at]!, m[at + 1], m[at + 2], hint);

  let exactTime: ClockTime | undefined;
  let after: ClockTime | undefined;
  let before: ClockTime | undefined;
  for (const m of s.take(new RegExp(`\\b(?:between|from) ${TIME} ?(?:and|to|-|until|till) ?${TIME}`))) {
    const meridiem = m[3] ?? (m[6] && Number(m[1]) < Number(m[4]) ? m[6] : undefined);
    after = clockTime(m[1]!, m[2], meridiem, hint);
    before = time(m, 4);
  }
  for (const m of s.take(new RegExp(`\\b(?:after|from|later than|not before) ${TIME}`))) after = time(m, 1);
  for (const m of s.take(new RegExp(`\\b(?:before|by|until|till|til|no later than|earlier than) ${TIME}`))) before = time(m, 1);
  for (const m of s.take(new RegExp(`(?:\\b(?:at|around|about)|@) ?${TIME}`))) exactTime ??= time(m, 1);
  for (const m of s.take(/\b(\d{1,2})(?:[:.](\d{2}))? ?(am|pm)\b/)) exactTime ??= time(m, 1);
  for (const m of s.take(/\b(\d{1,2})[:.](\d{2})()\b/)) exactTime ??= time(m, 1);
  for (const m of s.take(/\b(\d{1,2})()() ?o'?clock\b/)) exactTime ??= time(m, 1);

  // The last minute of a day the request could still use: a weekday names today only while it is ahead.
  const latest = exactTime ? minutesOf(exactTime) : before ? minutesOf(before) : parts.size ? Math.max(...[...parts].map((p) => DAYPARTS[p].to)) : Math.max(17 * 60, after ? minutesOf(after) + 30 : 0);
  const ahead = now.hour * 60 + now.minute < latest;
  for (const m of s.take(new RegExp(`\\b(?:(next|this|coming|on) )?${WEEKDAY}\\b`))) {
    const weekday = weekdayNumber(m[2]!);
    let d: DateTime;
    if (week) d = DateTime.fromISO(week.from, { zone: options.timeZone }).startOf("week").plus({ days: weekday - 1 });
    else if (m[1] === "next") d = nextMonday.plus({ days: weekday - 1 });
    else {
      d = today.plus({ days: (weekday - today.weekday + 7) % 7 });
      if (d.equals(today) && !ahead) d = d.plus({ weeks: 1 });
    }
    dates.push(day(d));
  }
  if (!dates.length && week) dates.push(week);

  const request: TimeRequest = { timeZone: options.timeZone };
  if (dates.length) request.days = dedupe(dates);
  if (parts.size) request.dayparts = (["morning", "afternoon", "evening"] as const).filter((p) => parts.has(p));
  if (exactTime) request.exactTime = exactTime;
  if (after) request.after = after;
  if (before) request.before = before;
  if (ambiguousDate) request.ambiguousDate = ambiguousDate;
  return Object.keys(request).length > 1 ? request : undefined;
}

function dedupe(ranges: DateRange[]): DateRange[] {
  const seen = new Map(ranges.map((r) => [`${r.from}/${r.to}`, r]));
  return [...seen.values()].sort((a, b) => a.from.localeCompare(b.from));
}
