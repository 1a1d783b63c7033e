import { describe, expect, it } from "vitest";
import { buildSegmentation, describeAccount } from "./build.js";
import { accountVector, fitScaler, indexData, SEGMENT_FEATURES, standardize } from "./features.js";
import { migrationInputs, migrationProbability, trainMigration } from "./migration.js";
import { buildProfile, topShares } from "./profiles.js";
import { retentionActions } from "./retention.js";
import { AS_OF, syntheticSegmentation } from "./testing/synthetic.js";
import { DAY_MS, type SegmentationData } from "./types.js";

const day = (n: number) => AS_OF + n * DAY_MS;

describe("account features", () => {
  const data: SegmentationData = {
    accounts: [{ id: "a", name: "A", sector: "retail", region: "EMEA", employees: 99, revenue: 9, createdAt: day(-900) }],
    deals: [
      { accountId: "a", stage: "won", amount: 1000, closeValue: 900, engagedAt: day(-500), closedAt: day(-400) },
      { accountId: "a", stage: "won", amount: 2000, closeValue: 2000, engagedAt: day(-100), closedAt: day(-30) },
      { accountId: "a", stage: "lost", amount: 500, closeValue: null, engagedAt: day(-60), closedAt: day(-10) },
      { accountId: "a", stage: "proposal", amount: 700, closeValue: null, engagedAt: day(-5), closedAt: null },
      { accountId: "a", stage: "won", amount: 9999, closeValue: 9999, engagedAt: day(1), closedAt: day(20) },
    ],
    activities: [
      { accountId: "a", kind: "call", direction: "outbound", occurredAt: day(-10) },
      { accountId: "a", kind: "email", direction: "inbound", occurredAt: day(-100) },
    ],
  };

  it("computes RFM, lifetime value, win rate, pipeline and engagement from what happened before the moment", () => {
    const v = accountVector(data.accounts[0]!, indexData(data), AS_OF);
    expect(v.facts).toEqual({ daysSinceWin: 30, winsLastYear: 1, wonLastYear: 2000, lifetimeValue: 2900, wonDeals: 2, closedDeals: 3, openPipeline: 700, activities90d: 1 });
    const f = Object.fromEntries(SEGMENT_FEATURES.map((name, j) => [name, v.x[j]]));
    expect(f.recency).toBeCloseTo(Math.log1p(30), 12);
    expect(f.monetary).toBeCloseTo(Math.log1p(2000), 12);
    expect(f.win_rate).toBeCloseTo(3 / 5, 12);
    expect(f.employees).toBeCloseTo(Math.log(100), 12);
  });

  it("standardises to mean 0 and leaves constant columns at 0", () => {
    const scaler = fitScaler([[1, 5], [3, 5]]);
    const [a, b] = standardize(scaler, [1, 5]);
    expect(a).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(b).toBe(0);
  });
});

describe("profiles", () => {
  it("ranks shares and keeps ties in name order", () => {
    expect(topShares(["b", "a", "b", "c", "a", "b"], 2)).toEqual([{ name: "b", share: 0.5 }, { name: "a", share: 0.333 }]);
  });

  it("summarises size, value, sectors and channels of the members", () => {
    const data = syntheticSegmentation(4);
    const index = indexData(data);
    const members = data.accounts.slice(0, 4).map((a) => accountVector(a, index, AS_OF));
    const p = buildProfile({ label: "Key accounts", members, channels: ["email", "call", "email"], wonDealValues: [10, 30], zCentroid: SEGMENT_FEATURES.map(() => 0), totalAccounts: 12 });
    expect(p).toMatchObject({ key: "key-accounts", size: 4, share: 0.333, averageDealValue: 20, preferredChannels: [{ name: "email", share: 0.667 }, { name: "call", share: 0.333 }] });
    expect(p.dominantSectors.map((s) => s.name).sort()).toEqual(["retail", "software"]);
    expect(p.behaviour).toBe("Close to the average account on every measure.");
    expect(p.messaging).toMatch(/^Protect and expand.*Reach them by email and call/);
  });
});

describe("migration risk", () => {
  it("measures how close an account sits to a border", () => {
    expect(migrationInputs([1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [[0, 0, 0, 0, 0, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0, 0, 0, 0]]).slice(0, 2)).toEqual([1 / 3, 1]);
  });

  it("learns from labelled periods that accounts on a border move more, and measures it on the latest period", () => {
    const samples = Array.from({ length: 200 }, (_, i) => {
      const margin = (i % 20) / 20;
      return { period: (i % 4) + 1, x: [margin, 0, 0, 0, 0, 0, 0, 0], moved: (margin > 0.7 || i % 13 === 0 ? 1 : 0) as 0 | 1 };
    });
    const model = trainMigration(samples);
    expect(model.samples).toBe(200);
    expect(model.holdoutAuc).toBeGreaterThan(0.8);
    expect(migrationProbability(model, [0.95, 0, 0, 0, 0, 0, 0, 0])).toBeGreaterThan(migrationProbability(model, [0.1, 0, 0, 0, 0, 0, 0, 0]));
  });

  it("suggests expansion for an upward move and re-engagement when engagement falls", () => {
    expect(retentionActions({ probability: 0.6, direction: "up", destination: "Key accounts", drivers: [] })[0]).toMatch(/expansion opportunity.*Key accounts/);
    const down = retentionActions({ probability: 0.6, direction: "down", destination: "Lapsed customers", drivers: [{ input: "d_engagement", value: -1 }] });
    expect(down).toEqual(["owner review this week: confirm the relationship and the account plan", "re-engage the main contact with a call or meeting, not another email"]);
  });
});

describe("building segments", () => {
  const data = syntheticSegmentation(10);
  const build = (d: SegmentationData, previous?: ReturnType<typeof buildSegmentation>["model"]) =>
    buildSegmentation(d, { asOf: AS_OF, runId: "r", builtAt: "t", previous });

  it("finds the three kinds of account and names them", () => {
    const seg = build(data);
    expect(seg.model.k).toBe(3);
    const segmentOf = new Map(seg.memberships.map((m) => [m.accountId, m.segmentKey]));
    for (const group of ["big", "small", "lapsed"]) {
      expect(new Set(data.accounts.filter((a) => a.id.startsWith(group)).map((a) => segmentOf.get(a.id))).size).toBe(1);
    }
    expect(segmentOf.get("big_0")).toBe("key-accounts");
    expect(segmentOf.get("lapsed_0")).toBe("lapsed-customers");
    expect(seg.profiles.reduce((s, p) => s + p.size, 0)).toBe(30);
    expect(seg.model.silhouette).toBeGreaterThan(0.3);
  });

  it("gives every account the same label on a rebuild, whatever the row order", () => {
    const first = build(data);
    const shuffled = { ...data, accounts: [...data.accounts].reverse(), deals: [...data.deals].reverse() };
    const again = build(shuffled, first.model);
    const labels = (s: typeof first) => Object.fromEntries(s.memberships.map((m) => [m.accountId, m.segmentKey]));
    expect(labels(again)).toEqual(labels(first));
    expect(again.model.segments.map((s) => s.label)).toEqual(first.model.segments.map((s) => s.label));
  });

  it("describes an account's segment and migration risk with reasons and actions", () => {
    const seg = build(data);
    const view = describeAccount(seg.model, data, "lapsed_3", AS_OF)!;
    expect(view.segment.label).toBe("Lapsed customers");
    expect(view.migration.probability).toBeGreaterThanOrEqual(0);
    expect(view.migration.probability).toBeLessThanOrEqual(1);
    expect(view.migration.likelyDestination.label).not.toBe("Lapsed customers");
    expect(view.migration.retentionActions.length).toBeGreaterThan(0);
    expect(describeAccount(seg.model, data, "nobody", AS_OF)).toBeUndefined();
  });

  it("rejects a CRM too small to segment", () => {
    expect(() => build({ ...data, accounts: data.accounts.slice(0, 5) })).toThrow(/at least 8 accounts/);
  });
});
