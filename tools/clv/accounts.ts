import type { Journey } from "../../src/core/marketing.js";
import { expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams } from "./bg-nbd.js";
import { expectedSpend, fitGammaGamma, type GammaGammaParams } from "./gamma-gamma.js";
import { summarise, type Transaction } from "./rfm.js";

export interface AccountValue {
  accountId: string;
  wonDeals: number;
  /** Won deals expected in the horizon, P(still buying), and their expected value. */
  expectedDeals: number;
  pAlive: number;
  expectedValue: number;
  horizonWeeks: number;
}

/**
 * BG/NBD + Gamma-Gamma over accounts, a won deal being a purchase: predicted value and churn risk (1 − P(alive))
 * for every account that has bought. Too few repeat buyers to fit → undefined (the caller says so).
 */
export function accountValues(journeys: readonly Journey[], now: Date, horizonWeeks = 52): Map<string, AccountValue> | undefined {
  const tx: Transaction[] = journeys
    .filter((j) => j.outcome === "won" && j.closedAt && j.closedAt <= now)
    .map((j) => ({ customerId: j.accountId, day: Math.floor(j.closedAt!.getTime() / 86_400_000), value: j.value }));
  const summaries = summarise(tx, Math.floor(now.getTime() / 86_400_000));
  if (summaries.filter((s) => s.frequency > 0).length < 5) return undefined;
  let bg: BgNbdParams;
  let gg: GammaGammaParams | undefined;
  try {
    bg = fitBgNbd(summaries).params;
    const g = fitGammaGamma(summaries).params;
    gg = g.q > 1 ? g : undefined;
  } catch {
    return undefined;
  }
  return new Map(
    summaries.map((s) => {
      const deals = expectedPurchases(bg, s, horizonWeeks);
      const value = gg ? expectedSpend(gg, s) : s.monetary;
      return [s.customerId, { accountId: s.customerId, wonDeals: s.frequency + 1, expectedDeals: deals, pAlive: probabilityAlive(bg, s), expectedValue: deals * value, horizonWeeks }];
    }),
  );
}
