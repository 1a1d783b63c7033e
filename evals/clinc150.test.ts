import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLINC150_FILE, OOS_LABEL, chooseThreshold, loadClinc150, oosMetrics, stratifiedSplit } from "./clinc150.js";

const dataDir = path.resolve(process.cwd(), "../shared/data/clinc150");
const present = existsSync(path.join(dataDir, CLINC150_FILE));

describe("stratifiedSplit", () => {
  const items = Array.from({ length: 40 }, (_, i) => ({ id: i, label: i % 4 === 0 ? "a" : "b" }));

  it("holds out the same fraction of every label, deterministically", () => {
    const [kept, held] = stratifiedSplit(items, (x) => x.label, 0.2, 5);
    expect(held.filter((x) => x.label === "a")).toHaveLength(2);
    expect(held.filter((x) => x.label === "b")).toHaveLength(6);
    expect(kept.length + held.length).toBe(40);
    expect(stratifiedSplit(items, (x) => x.label, 0.2, 5)).toEqual([kept, held]);
  });
});

describe("out-of-scope metrics", () => {
  const scored = [
    { expected: "a", label: "a", confidence: 0.9 },
    { expected: "a", label: "a", confidence: 0.3 },
    { expected: "b", label: "a", confidence: 0.2 },
    { expected: OOS_LABEL, label: "b", confidence: 0.25 },
    { expected: OOS_LABEL, label: OOS_LABEL, confidence: 0.6 },
  ];

  it("counts an oos answer on an in-scope utterance as wrong", () => {
    expect(oosMetrics(scored, 0)).toEqual({ inScopeAccuracy: 2 / 3, oosRecall: 0.5, oosPrecision: 1 });
    expect(oosMetrics(scored, 0.35)).toEqual({ inScopeAccuracy: 1 / 3, oosRecall: 1, oosPrecision: 2 / 4 });
  });

  it("chooses the highest threshold within the allowed in-scope loss", () => {
    expect(chooseThreshold(scored, 0)).toBe(0.3);
    expect(chooseThreshold(scored, 0.5)).toBe(0.9);
  });
});

describe("CLINC150 data", () => {
  it("explains a missing data folder", async () => {
    await expect(loadClinc150("/nonexistent/clinc150")).rejects.toThrow(/CLINC150 data not found/);
  });

  it.skipIf(!present)(
    present ? "parses train/val/oos splits" : `parses train/val/oos splits (SKIPPED: ${dataDir} not found)`,
    async () => {
      const data = await loadClinc150(dataDir);
      expect(new Set(data.train.map(([, label]) => label)).size).toBe(150);
      expect(data.oos_val.every(([, label]) => label === OOS_LABEL)).toBe(true);
    },
  );
});
