import { z } from "zod";
import { expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams } from "./bg-nbd.js";
import { expectedSpend, fitGammaGamma, type GammaGammaParams } from "./gamma-gamma.js";
import { dayNumber, dayToIso, summarise, type CustomerSummary, type Transaction } from "./rfm.js";

/** Published CDNOW 1/10-sample parameters, for the fit report (Fader, Hardie & Lee 2005; Fader & Hardie 2013). */
export const PUBLISHED_CDNOW = {
  bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
} as const;

/** The file `clv fit` writes and `clv predict` reads. */
export const ClvModelFile = z.object({
  kind: z.literal("clv-bgnbd-gg"),
  version: z.literal(1),
  calibrationEnd: z.string(),
  columns: z.object({ customer: z.string(), date: z.string(), value: z.string() }),
  bgNbd: z.object({ r: z.number().positive(), alpha: z.number().positive(), a: z.number().positive(), b: z.number().positive(), logLikelihood: z.number() }),
  gammaGamma: z.object({ p: z.number().positive(), q: z.number().positive(), gamma: z.number().positive(), logLikelihood: z.number(), customers: z.number() }).nullable(),
  customers: z.number().int(),
  repeatCustomers: z.number().int(),
});
export type ClvModelFile = z.infer<typeof ClvModelFile>;

export interface ClvPrediction {
  customerId: string;
  expectedPurchases: number;
  pAlive: number;
  expectedValue: number;
}

export function fitClv(transactions: readonly Transaction[], calibrationEnd: string, columns: ClvModelFile["columns"]): ClvModelFile {
  const end = dayNumber(calibrationEnd);
  if (end === undefined) throw new RangeError(`calibration end ${calibrationEnd} is not a date (YYYY-MM-DD)`);
  const summaries = summarise(transactions, end);
  if (summaries.length < 10) throw new RangeError(`only ${summaries.length} customers bought before ${calibrationEnd}: too few to fit`);
  const repeat = summaries.filter((c) => c.frequency > 0).length;
  if (repeat === 0) throw new RangeError("no customer bought twice before the calibration end: repeat purchases cannot be modelled");
  const bg = fitBgNbd(summaries);
  const gg = summaries.some((c) => c.frequency > 0 && c.monetary > 0) ? fitGammaGamma(summaries) : undefined;
  return {
    kind: "clv-bgnbd-gg",
    version: 1,
    calibrationEnd: dayToIso(end),
    columns,
    bgNbd: { ...bg.params, logLikelihood: bg.logLikelihood },
    // q ≤ 1 has no finite mean spend: keep the model for purchases only
    gammaGamma: gg && gg.params.q > 1 ? { ...gg.params, logLikelihood: gg.logLikelihood, customers: gg.customers } : null,
    customers: summaries.length,
    repeatCustomers: repeat,
  };
}

/** Per customer: purchases expected in the next `horizonWeeks` after the calibration end, P(alive), and their value. */
export function predictClv(model: ClvModelFile, transactions: readonly Transaction[], horizonWeeks: number): ClvPrediction[] {
  const end = dayNumber(model.calibrationEnd)!;
  const bg: BgNbdParams = model.bgNbd;
  const gg: GammaGammaParams | null = model.gammaGamma;
  return summarise(transactions, end).map((c: CustomerSummary) => {
    const purchases = expectedPurchases(bg, c, horizonWeeks);
    return {
      customerId: c.customerId,
      expectedPurchases: purchases,
      pAlive: probabilityAlive(bg, c),
      expectedValue: gg ? purchases * expectedSpend(gg, c) : 0,
    };
  });
}

/** "39w", "273d", "9m" (30.44-day months), "1y" → weeks. */
export function parseHorizon(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([dwmy])$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const perUnit = { d: 1 / 7, w: 1, m: 30.4375 / 7, y: 365.25 / 7 }[m[2]!.toLowerCase() as "d" | "w" | "m" | "y"];
  const weeks = n * perUnit;
  return weeks > 0 ? weeks : undefined;
}
