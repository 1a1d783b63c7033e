import { z } from "zod";

/** One purchase: a customer, a day and what it was worth. */
export interface Transaction {
  customerId: string;
  /** Days since 1970-01-01 (UTC), whole days: purchases on the same day count as one. */
  day: number;
  value: number;
}

/**
 * A customer's purchase history in BG/NBD terms, in weeks from the first purchase: `frequency` repeat purchase
 * days (x), `recency` the time of the last one (tₓ), `age` the time to the end of calibration (T), and
 * `monetary` the mean value of the repeat purchase days (0 when there are none), as Fader, Hardie & Lee use.
 */
export const CustomerSummary = z.object({
  customerId: z.string(),
  frequency: z.number().int().nonnegative(),
  recency: z.number().nonnegative(),
  age: z.number().nonnegative(),
  monetary: z.number().nonnegative(),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date.trim()) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(date.trim());
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return undefined;
  return ms / DAY_MS;
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Summaries of every customer whose first purchase is on or before `endDay`; purchases after it are ignored.
 * Age is measured to the end of `endDay` (a customer who first bought on the last day has age 1/7 week), so a
 * 273-day calibration from 1997-01-01 through 1997-09-30 is exactly 39 weeks.
 */
export function summarise(transactions: readonly Transaction[], endDay: number): CustomerSummary[] {
  const byCustomer = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    if (t.day > endDay) continue;
    let days = byCustomer.get(t.customerId);
    if (!days) byCustomer.set(t.customerId, (days = new Map()));
    days.set(t.day, (days.get(t.day) ?? 0) + t.value);
  }
  const out: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    const repeats = sorted.slice(1).map((d) => days.get(d)!);
    out.push({
      customerId,
      frequency: sorted.length - 1,
      recency: (last - first) / 7,
      age: (endDay + 1 - first) / 7,
      monetary: repeats.length ? repeats.reduce((s, v) => s + v, 0) / repeats.length : 0,
    });
  }
  return out.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
}

/** Repeat purchase days per customer in (startDay, endDay]: the hold-out count a BG/NBD forecast is checked against. */
export function repeatsBetween(transactions: readonly Transaction[], startDay: number, endDay: number): Map<string, number> {
  const days = new Map<string, Set<number>>();
  for (const t of transactions) {
    if (t.day <= startDay || t.day > endDay) continue;
    let s = days.get(t.customerId);
    if (!s) days.set(t.customerId, (s = new Set()));
    s.add(t.day);
  }
  return new Map([...days].map(([k, s]) => [k, s.size]));
}
