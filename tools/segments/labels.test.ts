import { describe, expect, it } from "vitest";
import { SEGMENT_FEATURES, type SegmentFeature } from "./features.js";
import { archetypeScore, ARCHETYPES, labelClusters } from "./labels.js";

function z(values: Partial<Record<SegmentFeature, number>>): number[] {
  return SEGMENT_FEATURES.map((f) => values[f] ?? 0);
}

const keyAccounts = z({ monetary: 1.5, frequency: 1.2, lifetime_value: 1.4, recency: -1, employees: 0.8, revenue: 0.8 });
const lapsed = z({ recency: 1.8, open_pipeline: -2, engagement: -1.5, lifetime_value: 0.4 });
const small = z({ employees: -1.2, revenue: -1.1 });

describe("segment labels", () => {
  it("names each centroid by the archetype it resembles most, each name once", () => {
    expect(labelClusters([lapsed, keyAccounts, small])).toEqual(["Lapsed customers", "Key accounts", "Small and steady"]);
    expect(archetypeScore(keyAccounts, ARCHETYPES[0]!)).toBeGreaterThan(archetypeScore(keyAccounts, ARCHETYPES[3]!));
  });

  it("keeps the previous build's labels when clusters come back in another order", () => {
    const previous = [
      { label: "Key accounts", z: keyAccounts.map((v) => v + 0.1) },
      { label: "Lapsed customers", z: lapsed.map((v) => v - 0.1) },
      { label: "Small and steady", z: small },
    ];
    expect(labelClusters([small, keyAccounts, lapsed], previous)).toEqual(["Small and steady", "Key accounts", "Lapsed customers"]);
  });

  it("inherits a custom name and names a cluster far from any previous one afresh", () => {
    const previous = [{ label: "Our whales", z: keyAccounts }];
    expect(labelClusters([keyAccounts, lapsed], previous)).toEqual(["Our whales", "Lapsed customers"]);
    const far = [{ label: "Old name", z: z({ employees: 9 }) }];
    expect(labelClusters([small], far)).toEqual(["Small and steady"]);
  });

  it("describes a centroid no archetype fits by its two most distinctive features", () => {
    expect(labelClusters([z({ win_rate: 1.2, frequency: 0.9, employees: 0.1 })])).toEqual(["High win rate, frequent buyers"]);
  });

  it("keeps names unique when archetypes run out", () => {
    const many = Array.from({ length: ARCHETYPES.length + 3 }, (_, i) => z({ employees: i - 5, engagement: (i % 3) - 1, win_rate: i % 2 }));
    const labels = labelClusters(many);
    expect(new Set(labels).size).toBe(many.length);
  });
});
