import { describe, expect, it } from "vitest";
import { leadScoreOf, nextBestActions, priorityOf } from "./actions.js";
import { fitDealSizeModel, median, predictDealSize, sizeBand } from "./deal-size.js";

describe("deal size and priority", () => {
  it("medians per company-size band, falling back to the overall median", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect([sizeBand(10), sizeBand(50), sizeBand(999), sizeBand(1000), sizeBand(10_000)]).toEqual([0, 1, 2, 3, 4]);
    const deals = [
      ...[10, 20, 30, 40, 50].map((amount) => ({ employees: 20, amount })),
      { employees: 300, amount: 1000 },
      { employees: null, amount: 5 },
    ];
    const model = fitDealSizeModel(deals)!;
    expect(predictDealSize(model, 12)).toBe(30);
    expect(predictDealSize(model, 300)).toBe(30);
    expect(predictDealSize(model, null)).toBe(model.overall);
    expect(fitDealSizeModel([])).toBeUndefined();
  });

  it("maps probability to a 0–100 score, a band and its actions", () => {
    expect([leadScoreOf(0), leadScoreOf(0.456), leadScoreOf(1)]).toEqual([0, 46, 100]);
    const bands = { hot: 0.6, warm: 0.3 };
    expect([priorityOf(0.6, bands), priorityOf(0.59, bands), priorityOf(0.1, bands)]).toEqual(["hot", "warm", "cold"]);
    expect(nextBestActions("hot")[0]).toBe("Call within 24 hours");
  });
});
