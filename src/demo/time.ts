export const DAY_MS = 86_400_000;

/** The anchor of the demo timeline when the caller gives none, so output never depends on the clock. */
export const DEFAULT_NOW = new Date("2026-11-01T00:00:00Z");

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function days(n: number): number {
  return n * DAY_MS;
}

/** A time on the same local day during office hours (08:30–17:30 at the given UTC offset); u in [0, 1) picks the minute. */
export function officeHours(ms: number, u: number, utcOffsetHours: number): number {
  const offset = utcOffsetHours * 3_600_000;
  const localDayStart = Math.floor((ms + offset) / DAY_MS) * DAY_MS - offset;
  return localDayStart + Math.floor((8.5 + 9 * u) * 60) * 60_000;
}
