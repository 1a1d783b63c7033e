import { describe, expect, it } from "vitest";
import { assessRisks, stageNorms } from "./at-risk.js";
import { monteCarloForecast } from "./forecast.js";
import { pipelineVelocity, salesVelocity, stageDistribution, weightedPipeline } from "./health.js";
import { parsePeriod, periodInText } from "./period.js";
import { at, makeDeal } from "./testing/deal-fixture.js";

describe("weighted pipeline and stages", () => {
  const deals = [
    { stage: "proposal" as const, amount: 1000, probability: 0.5 },
    { stage: "proposal" as const, amount: 3000, probability: 0.1 },
    { stage: "negotiation" as const, amount: 2000, probability: 0.8 },
  ];

  it("weights each amount by its close probability", () => {
    expect(weightedPipeline(deals)).toEqual({ count: 3, total: 6000, weighted: 500 + 300 + 1600 });
  });

  it("splits count, amount and weighted amount by stage, every open stage listed", () => {
    const stages = stageDistribution(deals);
    expect(stages.map((s) => s.stage)).toEqual(["prospecting", "qualification", "proposal", "negotiation"]);
    expect(stages[2]).toEqual({ stage: "proposal", count: 2, amount: 4000, weighted: 800 });
    expect(stages[0]).toEqual({ stage: "prospecting", count: 0, amount: 0, weighted: 0 });
  });
});

describe("velocity", () => {
  it("is opportunities × win rate × average won size ÷ cycle length", () => {
    expect(salesVelocity(40, 0.25, 12_000, 60)).toBe(2000);
    expect(salesVelocity(40, 0.25, 12_000, 0)).toBe(0);
  });

  it("derives win rate, size, cycle and days per stage from closed deals", () => {
    const won = (i: number, value: number, cycle: number) =>
      makeDeal({ id: `w${i}`, closeValue: value, engagedAt: at(100 - cycle), closedAt: at(100), history: [
        { stage: "proposal", enteredAt: at(100 - cycle), exitedAt: at(100) },
        { stage: "won", enteredAt: at(100), exitedAt: null },
      ] });
    const lost = (i: number) => makeDeal({ id: `l${i}`, stage: "lost", closeValue: null, closedAt: at(90), history: [
      { stage: "proposal", enteredAt: at(80), exitedAt: at(90) },
      { stage: "lost", enteredAt: at(90), exitedAt: null },
    ] });
    // 10 won (values 1000 and 3000, cycles 20 and 40) and 15 lost: win rate 0.4
    const deals = [...Array.from({ length: 10 }, (_, i) => won(i, i % 2 ? 3000 : 1000, i % 2 ? 40 : 20)), ...Array.from({ length: 15 }, (_, i) => lost(i))];
    const v = pipelineVelocity(deals, at(120), 50, 365);
    expect(v.closedDeals).toBe(25);
    expect(v.winRate).toBeCloseTo(0.4, 12);
    expect(v.averageWonSize).toBe(2000);
    expect(v.cycleDays).toBe(30);
    // proposal stays: ten won (20 or 40 days, mean 30) and fifteen lost (10 days) → (300 + 150) / 25
    expect(v.daysPerStage.proposal).toBeCloseTo(18, 12);
    expect(v.daysPerStage.negotiation).toBeNull();
    expect(v.salesVelocityPerDay).toBeCloseTo((50 * 0.4 * 2000) / 30, 9);
  });
});

describe("at-risk deals", () => {
  const history = Array.from({ length: 10 }, (_, i) => ({
    history: [{ stage: "proposal" as const, enteredAt: at(0), exitedAt: at(i + 1) }],
  }));
  const norms = stageNorms(history, at(100));
  const base = { stage: "proposal" as const, daysInStage: 5, ageDays: 30, probability: 0.6, daysSinceActivity: 3, expectedCloseAt: at(130), predictedCloseAt: at(125), asOf: at(100) };

  it("learns each stage's norm from how long deals stayed", () => {
    expect(norms.proposal).toEqual({ median: 5.5, p90: 9.1, count: 10 });
    expect(norms.negotiation.count).toBe(0);
  });

  it("gives no reason for a healthy deal and one reason per problem otherwise", () => {
    expect(assessRisks(base, norms)).toEqual([]);
    const risky = assessRisks({ ...base, daysInStage: 12, probability: 0.1, daysSinceActivity: 30, expectedCloseAt: at(90) }, norms);
    expect(risky.map((r) => r.kind)).toEqual(["stalled", "low_probability", "quiet", "overdue"]);
    expect(risky[0]!.reason).toBe("stalled: 12 days in proposal, where 90% of deals move on within 9 (median 6)");
    expect(risky[1]!.reason).toBe("low close probability (10%)");
    expect(risky[2]!.reason).toBe("no activity for 30 days");
  });

  it("flags a predicted close well after the expected date as slipping, and a deal never touched", () => {
    const slipping = assessRisks({ ...base, predictedCloseAt: at(160) }, norms);
    expect(slipping.map((r) => r.kind)).toEqual(["slipping"]);
    expect(assessRisks({ ...base, daysSinceActivity: null }, norms).map((r) => r.reason)).toEqual(["no logged activity"]);
    // a stage nobody has left yet has no norm to stall against
    expect(assessRisks({ ...base, stage: "negotiation", daysInStage: 400 }, norms)).toEqual([]);
  });
});

describe("Monte-Carlo forecast", () => {
  const items = [
    { value: 1000, probability: 0.5, groups: ["region:EMEA", "rep:Ann"] },
    { value: 2000, probability: 0.25, groups: ["region:EMEA", "rep:Bo"] },
    { value: 4000, probability: 0.9, groups: ["region:APAC", "rep:Cy"] },
  ];

  it("brackets the expected value with an 80% interval that contains the simulated mean", () => {
    const f = monteCarloForecast(items, { iterations: 20_000, seed: 7, closedWon: { total: 500, "region:EMEA": 500 } });
    const total = f.total!;
    expect(total.expected).toBeCloseTo(500 + 500 + 500 + 3600, 9);
    expect(total.mean).toBeGreaterThanOrEqual(total.low);
    expect(total.mean).toBeLessThanOrEqual(total.high);
    expect(Math.abs(total.mean - total.expected)).toBeLessThan(40);
    expect(total.low).toBeGreaterThanOrEqual(500);
    expect(f["region:EMEA"]!.expected).toBeCloseTo(500 + 500 + 500, 9);
    expect(f["region:APAC"]!.openDeals).toBe(1);
    expect(f["region:APAC"]!.high).toBe(4000);
    expect(f["rep:Bo"]!.low).toBe(0);
  });

  it("repeats exactly for a seed and collapses to the sum when every deal is certain", () => {
    expect(monteCarloForecast(items, { seed: 3, iterations: 500 })).toEqual(monteCarloForecast(items, { seed: 3, iterations: 500 }));
    const certain = monteCarloForecast(items.map((i) => ({ ...i, probability: 1 })), { iterations: 100 }).total!;
    expect([certain.low, certain.mean, certain.high]).toEqual([7000, 7000, 7000]);
  });
});

describe("periods", () => {
  const asOf = Date.UTC(2026, 10, 25, 10);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  it("parses relative and named periods as half-open UTC ranges", () => {
    const cases: [string | undefined, string, string, string][] = [
      [undefined, "2026-Q4", "2026-10-01", "2027-01-01"],
      ["this month", "2026-11", "2026-11-01", "2026-12-01"],
      ["next month", "2026-12", "2026-12-01", "2027-01-01"],
      ["next quarter", "2027-Q1", "2027-01-01", "2027-04-01"],
      ["Q2 2027", "2027-Q2", "2027-04-01", "2027-07-01"],
      ["2026-q3", "2026-Q3", "2026-07-01", "2026-10-01"],
      ["december", "2026-12", "2026-12-01", "2027-01-01"],
      ["2027-02", "2027-02", "2027-02-01", "2027-03-01"],
      ["this year", "2026", "2026-01-01", "2027-01-01"],
    ];
    for (const [text, label, start, end] of cases) {
      const p = parsePeriod(text, asOf);
      expect([p.label, iso(p.start), iso(p.end)], text).toEqual([label, start, end]);
    }
    expect(() => parsePeriod("someday", asOf)).toThrow(/unknown period "someday"/);
  });

  it("finds the period a question names", () => {
    expect(periodInText("which deals will slip this month?")).toBe("this month");
    expect(periodInText("forecast for EMEA this quarter")).toBe("this quarter");
    expect(periodInText("forecast for Q1 2027")).toBe("2027-Q1");
    expect(periodInText("how is the pipeline?")).toBeUndefined();
  });
});
