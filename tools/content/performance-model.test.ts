import { describe, expect, it } from "vitest";
import type { VariantOutcome } from "../../src/core/content.js";
import { fitMetric, predictWith } from "./performance-model.js";
import { BUILT_IN_PRIOR } from "./prior.js";

const counts = (sent: number, opened: number) => ({ sent, delivered: 0, opened, clicked: 0, converted: 0, unsubscribed: 0 });

describe("predicted performance", () => {
  it("predicts from the labelled built-in prior with a wide interval, then narrows towards recorded outcomes", () => {
    const v = { text: "Q1 webinar: clearer answers for enterprise teams" };
    const prior = predictWith(fitMetric(BUILT_IN_PRIOR, "subject", "open", []), BUILT_IN_PRIOR, "subject", "open", "Key accounts", v);
    expect(prior.basis).toBe("built-in prior");
    expect(prior.low).toBeLessThan(prior.value);
    expect(prior.high).toBeGreaterThan(prior.value);
    const outcomes: VariantOutcome[] = [
      { channel: "subject", segment: "Key accounts", text: "Q1 webinar: clearer answers for key customers", counts: counts(2000, 700) },
      { channel: "subject", segment: "Key accounts", text: "Is the Q1 webinar on your list?", counts: counts(2000, 760) },
    ];
    const trained = predictWith(fitMetric(BUILT_IN_PRIOR, "subject", "open", outcomes), BUILT_IN_PRIOR, "subject", "open", "Key accounts", v);
    expect(trained.basis).toBe("trained");
    expect(trained.value).toBeGreaterThan(0.3);
    expect(trained.high - trained.low).toBeLessThan((prior.high - prior.low) / 2);
  });
});
