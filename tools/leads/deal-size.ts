/**
 * A small deal-size model: the median won-deal amount per company-size band, falling back to the overall
 * median. Used for expected value = conversion probability × predicted deal size.
 */

export const SIZE_BANDS = [
  { label: "1–49", upTo: 49 },
  { label: "50–199", upTo: 199 },
  { label: "200–999", upTo: 999 },
  { label: "1,000–4,999", upTo: 4999 },
  { label: "5,000+", upTo: Infinity },
] as const;

/** Bands with fewer won deals than this use the overall median. */
const MIN_DEALS_PER_BAND = 5;

export interface DealSizeModel {
  overall: number;
  byBand: (number | null)[];
}

export function sizeBand(employees: number): number {
  return SIZE_BANDS.findIndex((b) => employees <= b.upTo);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function fitDealSizeModel(wonDeals: readonly { employees: number | null; amount: number }[]): DealSizeModel | undefined {
  const amounts = wonDeals.map((d) => d.amount).filter((a) => Number.isFinite(a) && a > 0);
  if (amounts.length === 0) return undefined;
  const byBand = SIZE_BANDS.map((_, band) => {
    const inBand = wonDeals.filter((d) => d.employees !== null && sizeBand(d.employees) === band && d.amount > 0).map((d) => d.amount);
    return inBand.length >= MIN_DEALS_PER_BAND ? median(inBand) : null;
  });
  return { overall: median(amounts), byBand };
}

export function predictDealSize(model: DealSizeModel, employees: number | null | undefined): number {
  if (employees === null || employees === undefined || !Number.isFinite(employees)) return model.overall;
  return model.byBand[sizeBand(employees)] ?? model.overall;
}
