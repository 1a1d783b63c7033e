/** The words of a time request: patterns and how a spoken hour becomes a 24-hour one. */

export type Daypart = "morning" | "afternoon" | "evening";

/** Minutes after local midnight, [from, to). */
export const DAYPARTS: Record<Daypart, { from: number; to: number }> = {
  morning: { from: 8 * 60, to: 12 * 60 },
  afternoon: { from: 12 * 60, to: 17 * 60 },
  evening: { from: 17 * 60, to: 21 * 60 },
};

export interface ClockTime {
  hour: number;
  minute: number;
}

export const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
export const monthNumber = (word: string) => MONTHS.indexOf(word.slice(0, 3)) + 1;

export const WEEKDAY = "(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)s?";
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** ISO weekday, 1 Monday … 7 Sunday. */
export const weekdayNumber = (word: string) => WEEKDAYS.indexOf(word.slice(0, 3)) + 1;

/** An hour with optional minutes and meridiem: three capture groups. */
export const TIME = "(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm)?";

/** Lower case, one spelling for a.m./p.m., and noon as 12:00pm so it reads like any other time. */
export function normalize(text: string): string {
  return ` ${text.toLowerCase()} `
    .replace(/[’`]/g, "'")
    .replace(/\b([ap])\.\s?m\.?/g, "$1m")
    .replace(/\b(noon|midday)\b/g, "12:00pm")
    .replace(/\s+/g, " ");
}

/**
 * A spoken hour as a 24-hour clock time. Without am/pm: 13–23 are read as given, a morning hint keeps the
 * hour, an afternoon or evening hint adds 12, and otherwise 1–7 mean pm (nobody books a demo at 3 am) and
 * 8–12 are read as given.
 */
export function clockTime(hour: string, minute: string | undefined, meridiem: string | undefined, hint?: Daypart): ClockTime | undefined {
  let h = Number(hour);
  const m = minute ? Number(minute) : 0;
  if (h > 23 || m > 59 || (meridiem && (h === 0 || h > 12))) return undefined;
  if (meridiem === "am") h = h === 12 ? 0 : h;
  else if (meridiem === "pm") h = h === 12 ? 12 : h + 12;
  else if (h < 12 && (hint === "afternoon" || hint === "evening")) h += 12;
  else if (h >= 1 && h <= 7 && hint !== "morning") h += 12;
  return { hour: h, minute: m };
}

export const minutesOf = (t: ClockTime) => t.hour * 60 + t.minute;
