/**
 * Quiet hours in the recipient's own time zone: `{ start: 21, end: 8 }` means 21:00–07:59 local time.
 * start === end means no quiet hours.
 */
export interface QuietHours {
  start: number;
  end: number;
}

function localTime(at: Date, timeZone: string): { hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: get("hour"), minute: get("minute"), second: get("second") };
}

export function inQuietHours(at: Date, timeZone: string, quiet: QuietHours): boolean {
  if (quiet.start === quiet.end) return false;
  const { hour } = localTime(at, timeZone);
  return quiet.start < quiet.end ? hour >= quiet.start && hour < quiet.end : hour >= quiet.start || hour < quiet.end;
}

/** The first instant at or after `at` outside quiet hours: the next `end:00` local time. */
export function quietHoursEnd(at: Date, timeZone: string, quiet: QuietHours): Date {
  if (!inQuietHours(at, timeZone, quiet)) return at;
  const { hour, minute, second } = localTime(at, timeZone);
  const sinceMidnightSec = hour * 3600 + minute * 60 + second;
  const waitSec = (quiet.end * 3600 - sinceMidnightSec + 86_400) % 86_400;
  let candidate = new Date(Math.floor(at.getTime() / 1000) * 1000 + waitSec * 1000);
  // A daylight-saving change in between moves local time by the shift; correct by what the clock there reads.
  const local = localTime(candidate, timeZone);
  const driftMin = (((local.hour * 60 + local.minute - quiet.end * 60) % 1440) + 2160) % 1440 - 720;
  candidate = new Date(candidate.getTime() - driftMin * 60_000);
  // end:00 itself may not exist that day (a spring-forward gap): step out.
  for (let i = 0; i < 3 && inQuietHours(candidate, timeZone, quiet); i++) candidate = new Date(candidate.getTime() + 3600_000);
  return candidate;
}

/** Throws on a time zone Intl does not know, so a typo fails at the edge rather than sending at 3 am. */
export function assertTimeZone(timeZone: string): string {
  new Intl.DateTimeFormat("en-US", { timeZone });
  return timeZone;
}
