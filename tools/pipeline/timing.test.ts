import { describe, expect, it } from "vitest";
import { fitSize, predictSize } from "./deal-size.js";
import { at, makeDeal } from "./testing/deal-fixture.js";
import { closeTiming, fitTiming, remainingDays } from "./timing.js";

/** Won deals that stayed `stay` days in proposal and closed `after` days after leaving it. */
function wonDeals(pairs: [number, number][], product = "Pro") {
  return pairs.map(([stay, after], i) =>
    makeDeal({
      id: `w${i}`,
      product,
      closedAt: at(10 + stay + after),
      history: [
        { stage: "proposal", enteredAt: at(10), exitedAt: at(10 + stay) },
        { stage: "negotiation", enteredAt: at(10 + stay), exitedAt: at(10 + stay + after) },
        { stage: "won", enteredAt: at(10 + stay + after), exitedAt: null },
      ],
    }),
  );
}

describe("time to close", () => {
  const deals = wonDeals(Array.from({ length: 20 }, (_, i) => [i + 1, 10] as [number, number]));
  const model = fitTiming([...deals, makeDeal({ stage: "lost", id: "lost" })]);

  it("conditions on the time already spent in the stage", () => {
    // stays 1..20, close 10 days after leaving: toClose = stay + 10
    expect(remainingDays(model, "proposal", "Pro", 0)).toEqual(Array.from({ length: 20 }, (_, i) => i + 11));
    // after 5 days only stays 6..20 remain: remaining = stay + 10 − 5 = 11..25
    const t = closeTiming(model, "proposal", "Pro", 5);
    expect(t.medianDays).toBe(18);
    expect(t.within(11)).toBeCloseTo(1 / 15, 12);
    expect(t.within(25)).toBe(1);
  });

  it("falls back to what follows the stage when the deal has outstayed nearly every won deal", () => {
    expect(remainingDays(model, "proposal", "Pro", 60)).toEqual(new Array(20).fill(10));
  });

  it("uses the stage-wide sample for a product it has not seen", () => {
    expect(closeTiming(model, "negotiation", "Other", 0).medianDays).toBe(10);
    expect(closeTiming(model, "prospecting", "Pro", 0).within(30)).toBe(0.5);
  });
});

describe("deal size", () => {
  it("scales the open amount by the product's median close/amount ratio", () => {
    const won = [0.8, 0.9, 1, 1, 1.1].map((r, i) => makeDeal({ id: `s${i}`, amount: 1000, closeValue: 1000 * r }));
    const model = fitSize(won);
    expect(model.ratioByProduct.Pro).toBeCloseTo(1, 12);
    expect(predictSize(model, { amount: 2000, product: "Pro" })).toBeCloseTo(2000, 9);
    expect(predictSize(model, { amount: 0, product: "Pro" })).toBeCloseTo(1000, 9);
    expect(predictSize(model, { amount: 0, product: "Unknown" })).toBeCloseTo(1000, 9);
  });
});
