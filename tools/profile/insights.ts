import type { Clock } from "../../src/core/clock.js";
import type { Journey, MarketingCrm } from "../../src/core/marketing.js";
import { accountValues, type AccountValue } from "../clv/accounts.js";
import { learnJourneyModel, type JourneyModel } from "../journey/nba.js";

export interface MarketingInsights {
  journeys: Journey[];
  model: JourneyModel;
  /** Predicted value per account that has bought (undefined: too little purchase history to fit). */
  values: Map<string, AccountValue> | undefined;
}

/** What the marketing tools learn from the whole CRM, recomputed at most every `ttlMs` (default 10 minutes). */
export function createInsightsCache(deps: { crm: MarketingCrm; clock: Clock; ttlMs?: number }) {
  let cached: { at: number; value: Promise<MarketingInsights> } | undefined;
  return {
    get(): Promise<MarketingInsights> {
      const now = deps.clock.now().getTime();
      if (!cached || now - cached.at > (deps.ttlMs ?? 600_000)) {
        const value = (async () => {
          const journeys = await deps.crm.journeys();
          return { journeys, model: learnJourneyModel(journeys), values: accountValues(journeys, deps.clock.now()) };
        })();
        cached = { at: now, value };
        value.catch(() => (cached = undefined));
      }
      return cached.value;
    },
  };
}
export type InsightsCache = ReturnType<typeof createInsightsCache>;
