import { wallTime } from "./zoned-time.js";

const ORDINALS: [RegExp, number][] = [
  [/\b(first|1st|#1|option 1|number 1)\b/i, 0],
  [/\b(second|2nd|#2|option 2|number 2)\b/i, 1],
  [/\b(third|3rd|#3|option 3|number 3)\b/i, 2],
];
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const DAY = /\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|sday)?\b/i;
const TIME = /\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?=\b|$)/i;

/**
 * Which of the offered slots the prospect chose: "the second one", "2", "Tuesday at 10", "the 14:30 one",
 * "last". Undefined when the message does not single one out.
 */
export function pickSlot(text: string, offered: readonly { startsAt: string }[], timeZone: string): number | undefined {
  const lower = text.toLowerCase();
  const day = lower.match(DAY);
  const time = day || /\d{1,2}(:\d{2}|\s*(am|pm))|\bat \d/i.test(lower) ? lower.replace(/\b(1st|2nd|3rd)\b/g, "").match(TIME) : null;
  if (day || time) {
    const wantDay = day ? DAYS.findIndex((d) => d.startsWith(day[1]!.slice(0, 3))) + 1 : undefined;
    let hour = time ? Number(time[1]) : undefined;
    const minute = time?.[2] ? Number(time[2]) : undefined;
    if (hour !== undefined && /^p/i.test(time?.[3] ?? "") && hour < 12) hour += 12;
    const matches = offered
      .map((s, i) => ({ i, w: wallTime(new Date(s.startsAt), timeZone) }))
      .filter(({ w }) => (wantDay === undefined || w.weekday === wantDay) && (hour === undefined || w.hour === hour || (!time?.[3] && w.hour === hour + 12)))
      .filter(({ w }) => minute === undefined || w.minute === minute);
    if (matches.length === 1) return matches[0]!.i;
    if (matches.length > 1 && hour !== undefined) return matches[0]!.i;
  }
  if (/\b(last|final) one\b|\bthe last\b/i.test(lower)) return offered.length - 1;
  for (const [pattern, index] of ORDINALS) if (pattern.test(lower) && index < offered.length) return index;
  const bare = lower.trim().match(/^(?:option\s*)?([1-9]|one|two|three)[.!)]?$/);
  const n = bare ? (["one", "two", "three"].indexOf(bare[1]!) + 1 || Number(bare[1])) : 0;
  if (n >= 1 && n <= offered.length) return n - 1;
  return undefined;
}
