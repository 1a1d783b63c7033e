import { describe, expect, it } from "vitest";
import { encode, featureNames, fitFeatureSpec, NUMERIC, quarterProgress, rawFeatures, type RawFeatures } from "./features.js";
import { buildOutcomeHistory } from "./outcome-history.js";
import { currentSnapshot, landmarkSnapshots } from "./snapshots.js";
import { at, makeDeal } from "./testing/deal-fixture.js";
import { DAY_MS } from "./types.js";

describe("landmark snapshots", () => {
  it("takes one on entering each open stage and at 7, 14, 30 … days while the deal stayed there", () => {
    const snaps = landmarkSnapshots(makeDeal());
    expect(snaps.map((s) => [s.stage, (s.at - s.stageEnteredAt) / DAY_MS])).toEqual([
      ["prospecting", 0],
      ["prospecting", 7],
      ["proposal", 0],
      ["proposal", 7],
      ["proposal", 14],
    ]);
  });

  it("keeps a deal that opened and closed the same day", () => {
    const deal = makeDeal({ history: [{ stage: "qualification", enteredAt: at(3), exitedAt: at(3) }, { stage: "lost", enteredAt: at(3), exitedAt: null }] });
    expect(landmarkSnapshots(deal)).toHaveLength(1);
  });

  it("snapshots an open deal at the moment asked about and skips closed ones", () => {
    const open = makeDeal({ stage: "proposal", closedAt: null, stageEnteredAt: at(10) });
    expect(currentSnapshot(open, at(50))).toMatchObject({ stage: "proposal", at: at(50), stageEnteredAt: at(10) });
    expect(currentSnapshot(makeDeal(), at(50))).toBeUndefined();
  });
});

describe("deal features", () => {
  const history = buildOutcomeHistory([
    makeDeal({ id: "p1", stage: "won", closedAt: at(-30) }),
    makeDeal({ id: "p2", stage: "lost", closedAt: at(-20) }),
    makeDeal({ id: "p3", stage: "won", closedAt: at(-10) }),
    makeDeal({ id: "p4", stage: "lost", closedAt: at(25), repId: "r1" }),
  ]);
  const cycle = { cycleDays: { Pro: 29 }, defaultCycleDays: 50 };

  it("measures age, time in stage and activity as of the snapshot", () => {
    const snap = landmarkSnapshots(makeDeal())[3]!; // proposal, day 17
    const raw = rawFeatures(snap, history, cycle);
    expect(raw.numeric.log_age).toBeCloseTo(Math.log1p(17), 12);
    expect(raw.numeric.log_days_in_stage).toBeCloseTo(Math.log1p(7), 12);
    expect(raw.numeric.cycle_ratio).toBeCloseTo(Math.log(18 / 30), 12);
    // activities on days 1 and 5 happened before day 17; days 20 and 35 had not yet
    expect(raw.numeric.activity_rate).toBeCloseTo(Math.log1p(2 / (17 / 7)), 12);
    expect(raw.numeric.log_days_since_activity).toBeCloseTo(Math.log1p(12), 12);
    expect(raw.numeric.recent_activities).toBeCloseTo(Math.log1p(1), 12);
  });

  it("uses only the rep's deals closed before the snapshot (no leakage of later outcomes)", () => {
    const early = rawFeatures(landmarkSnapshots(makeDeal())[2]!, history, cycle); // day 10: p1..p3 closed, p4 not yet
    // 2 wins of 3, shrunk toward the prior 2/3 with strength 5 → 2/3
    expect(early.numeric.rep_win_rate).toBeCloseTo(2 / 3, 12);
    expect(early.numeric.rep_experience).toBeCloseTo(Math.log1p(3), 12);
    const late = rawFeatures({ ...landmarkSnapshots(makeDeal())[4]!, at: at(30) }, history, cycle);
    expect(late.numeric.rep_experience).toBeCloseTo(Math.log1p(4), 12);
  });

  it("standardises numerics, one-hot encodes frequent levels and zeroes constant columns", () => {
    const raws: RawFeatures[] = [];
    for (let i = 0; i < 10; i++) {
      const r = rawFeatures(landmarkSnapshots(makeDeal({ amount: 100 * (i + 1), product: i < 6 ? "Pro" : "Core" }))[0]!, history, cycle);
      raws.push(r);
    }
    const spec = fitFeatureSpec(raws, cycle);
    expect(spec.levels.product).toEqual(["Pro"]);
    const names = featureNames(spec);
    const x = encode(spec, raws[0]!);
    expect(x).toHaveLength(names.length);
    const amount = NUMERIC.indexOf("log_amount");
    const encoded = raws.map((r) => encode(spec, r)[amount]!);
    expect(encoded.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    expect(x[NUMERIC.indexOf("log_employees")]).toBe(0);
    expect(x[names.indexOf("product=Pro")]).toBe(1);
    expect(encode(spec, raws[9]!)[names.indexOf("product=Pro")]).toBe(0);
  });
});

describe("quarter progress", () => {
  it("is 0 on the first day of a quarter and near 1 at its end", () => {
    expect(quarterProgress(Date.UTC(2026, 3, 1))).toBe(0);
    expect(quarterProgress(Date.UTC(2026, 4, 16))).toBeCloseTo(45 / 91, 12);
    expect(quarterProgress(Date.UTC(2026, 11, 31, 23))).toBeGreaterThan(0.99);
  });
});
