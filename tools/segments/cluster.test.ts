import { describe, expect, it } from "vitest";
import { chooseClustering, fitKMeans, nearestTwo } from "./cluster.js";
import { silhouette, silhouetteScores } from "./silhouette.js";

describe("silhouette", () => {
  it("matches a hand-computed case", () => {
    // clusters {0, 1} and {4, 6} on a line
    const points = [[0], [1], [4], [6]];
    const s = silhouetteScores(points, [0, 0, 1, 1]);
    // point 0: a = 1, b = (4 + 6) / 2 = 5 → 0.8;  point 1: a = 1, b = 4 → 0.75
    // point 4: a = 2, b = 3.5 → 3/7;  point 6: a = 2, b = 5.5 → 7/11
    expect(s[0]).toBeCloseTo(0.8, 12);
    expect(s[1]).toBeCloseTo(0.75, 12);
    expect(s[2]).toBeCloseTo(3 / 7, 12);
    expect(s[3]).toBeCloseTo(7 / 11, 12);
    expect(silhouette(points, [0, 0, 1, 1])).toBeCloseTo((0.8 + 0.75 + 3 / 7 + 7 / 11) / 4, 12);
  });

  it("scores a singleton cluster 0 and a bad split below a good one", () => {
    expect(silhouetteScores([[0], [1], [9]], [0, 0, 1])[2]).toBe(0);
    const points = [[0], [1], [4], [6]];
    expect(silhouette(points, [0, 1, 0, 1])).toBeLessThan(silhouette(points, [0, 0, 1, 1]));
  });
});

describe("k-means with k chosen by silhouette", () => {
  // three tight, well separated blobs in 2-D
  const blobs = [
    [0, 0], [0.2, 0.1], [0.1, 0.3], [0.3, 0.2],
    [5, 5], [5.2, 4.9], [4.9, 5.3], [5.1, 5.1],
    [0, 6], [0.2, 6.1], [-0.1, 5.8], [0.1, 6.2],
  ];

  it("finds the three blobs and prefers k = 3", () => {
    const { chosen, scores } = chooseClustering(blobs, { kMin: 2, kMax: 5, seed: 3 });
    expect(chosen.k).toBe(3);
    expect(scores.map((s) => s.k)).toEqual([2, 3, 4, 5]);
    const groups = [0, 4, 8].map((start) => new Set(chosen.labels.slice(start, start + 4)));
    for (const g of groups) expect(g.size).toBe(1);
    expect(new Set(groups.map((g) => [...g][0])).size).toBe(3);
    expect(chosen.silhouette).toBeGreaterThan(0.8);
  });

  it("repeats exactly for a seed", () => {
    expect(fitKMeans(blobs, 3, 5, 9)).toEqual(fitKMeans(blobs, 3, 5, 9));
  });

  it("names the nearest and second-nearest centroid", () => {
    expect(nearestTwo([1, 0], [[0, 0], [3, 0], [1, 5]])).toEqual({ first: 0, second: 1, d1: 1, d2: 2 });
  });
});
