import { describe, expect, it } from "vitest";
import { stageNorms } from "./at-risk.js";
import { parseCloseModel } from "./close-model.js";
import { buildOutcomeHistory } from "./outcome-history.js";
import { parsePeriod } from "./period.js";
import { predictDeal } from "./predict.js";
import { buildReview } from "./review.js";
import { at, syntheticPipeline } from "./testing/deal-fixture.js";
import { splitByTime, trainCloseModel } from "./train.js";

const deals = syntheticPipeline(500, 7);
const asOf = at(730);
const lambdas = [0.01, 0.1];
const trained = trainCloseModel(deals, { asOf, lambdas });

describe("training the close-probability model", () => {
  it("ranks held-out later deals better than chance on data with a known signal", () => {
    const h = trained.metrics.holdout;
    expect(h.auc).toBeGreaterThan(0.7);
    expect(h.brier).toBeLessThan(h.baselineBrier);
    expect(h.calibration.reduce((s, b) => s + b.count, 0)).toBe(h.rows);
    const activity = trained.model.names.indexOf("activity_rate");
    expect(trained.model.weights[activity]).toBeGreaterThan(0);
  });

  it("holds out by time: trains on deals closed before the cutoff and scores only later snapshots", () => {
    const closed = deals.filter((d) => d.closedAt !== null);
    const split = splitByTime(closed, 0.2);
    expect(split.train.every((d) => d.closedAt! < split.cutoff)).toBe(true);
    expect(split.test.every((s) => s.at >= split.cutoff && s.deal.closedAt! >= split.cutoff)).toBe(true);
    expect(split.train.length).toBeGreaterThan(0.7 * closed.length);
  });

  it("ignores outcomes after the as-of date", () => {
    const early = at(600);
    const flipped = deals.map((d) => (d.closedAt !== null && d.closedAt > early ? { ...d, stage: d.stage === "won" ? ("lost" as const) : ("won" as const) } : d));
    const a = trainCloseModel(deals, { asOf: early, lambdas, trainedAt: new Date(0) });
    const b = trainCloseModel(flipped, { asOf: early, lambdas, trainedAt: new Date(0) });
    expect(b.model).toEqual(a.model);
  });

  it("stores as JSON and reads back", () => {
    expect(parseCloseModel(JSON.parse(JSON.stringify(trained.model)), "test")).toEqual(trained.model);
    expect(() => parseCloseModel({ version: 1 }, "x.json")).toThrow(/x\.json is not a deal-close model/);
  });

  it("refuses a CRM with too few closed deals", () => {
    expect(() => trainCloseModel(deals.slice(0, 20), { asOf })).toThrow(/needs at least 40 closed deals/);
  });
});

describe("predicting open deals and reviewing the pipeline", () => {
  const closed = deals.filter((d) => d.closedAt !== null);
  const ctx = { model: trained.model, asOf, history: buildOutcomeHistory(closed), norms: stageNorms(deals, asOf) };
  const open = deals.filter((d) => d.closedAt === null);

  it("gives each open deal a probability, a close date after today, a size, and actions", () => {
    const p = predictDeal(open[0]!, ctx)!;
    expect(p.probability).toBeGreaterThan(0);
    expect(p.probability).toBeLessThan(1);
    expect(Date.parse(p.predictedCloseDate)).toBeGreaterThan(asOf);
    expect(p.predictedSize).toBeGreaterThan(0);
    expect(p.nextBestActions.length).toBeGreaterThan(0);
    expect(predictDeal(closed[0]!, ctx)).toBeUndefined();
  });

  it("adds up the pipeline consistently and brackets the forecast", () => {
    const review = buildReview(deals, ctx, { period: parsePeriod("next quarter", asOf), seed: 5, iterations: 2000 });
    expect(review.pipeline.count).toBe(open.length);
    expect(review.stages.reduce((s, x) => s + x.count, 0)).toBe(open.length);
    expect(review.stages.reduce((s, x) => s + x.weighted, 0)).toBeCloseTo(review.pipeline.weighted, 6);
    expect(review.pipeline.weighted).toBeLessThanOrEqual(review.pipeline.total);
    const f = review.forecast.total;
    expect(f.low).toBeLessThanOrEqual(f.mean);
    expect(f.mean).toBeLessThanOrEqual(f.high);
    expect(Math.abs(f.mean - f.expected)).toBeLessThan(0.05 * f.expected + 1);
    const byRegion = review.forecast.byRegion.reduce((s, g) => s + g.expected, 0);
    expect(byRegion).toBeCloseTo(f.expected, 6);
  });
});
