import { wallTime } from "./zoned-time.js";

const ORDINALS: [RegExp, number][] = [
  [/\b(first|1st|(?:option|number|no\.?|#)\s*(?:1|one))\b|#1\b/i, 0],
  [/\b(second|2nd|(?:option|number|no\.?|#)\s*(?:2|two))\b|#2\b/i, 1],
  [/\b(third|3rd|(?:option|number|no\.?|#)\s*(?:3|three))\b|#3\b/i, 2],
];
/** Words around a bare pick that don't change it: "2 please", "ok, 3 works", "let's do one". */
const FILLER = /\b(?:please|pls|thanks|thank you|thx|ok(?:ay)?|sure|yes|yeah|yep|great|perfect|cool|fine|good|works?(?: for me| best)?|is|sounds|let'?s|do|go|with|take|i'?ll|i|will|would|like|prefer|the|one|then|that|for me)\b/g;
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
  if (/\b(last|final|latest) one\b|\bthe (last|latest)\b/i.test(lower)) return offered.length - 1;
  if (/\b(earliest|soonest|first available|first free)\b/i.test(lower) && offered.length > 0) return 0;
  for (const [pattern, index] of ORDINALS) if (pattern.test(lower) && index < offered.length) return index;
  const bare = lower.trim().match(/^(?:option\s*)?([1-9]|one|two|three)[.!)]?$/) ?? bareNumber(lower);
  const n = bare ? (["one", "two", "three"].indexOf(bare[1]!) + 1 || Number(bare[1])) : 0;
  if (n >= 1 && n <= offered.length) return n - 1;
  return undefined;
}

/** A lone number among filler words ("2 please", "ok 3 works"): the only digit token left once they're gone. */
function bareNumber(lower: string): RegExpMatchArray | null {
  const rest = lower.replace(FILLER, " ").replace(/[^\w\s]/g, " ").trim();
  return rest.match(/^([1-9]|two|three)$/);
}
