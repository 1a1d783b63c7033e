import { describe, expect, it } from "vitest";
import { decidePromotion, recordedScore } from "./promotion.js";

describe("decidePromotion", () => {
  it("promotes the retrained model when nothing is in use or the model in use recorded no held-out score", () => {
    expect(decidePromotion(undefined, { auc: 0.6 }).winner).toBe("candidate");
    expect(decidePromotion({ auc: Number.NaN }, { auc: 0.6 }).winner).toBe("candidate");
  });

  it("keeps the model in use when the retrained one has a lower held-out AUC", () => {
    const decision = decidePromotion({ auc: 0.81, brier: 0.15 }, { auc: 0.8, brier: 0.1 });
    expect(decision).toEqual({ winner: "current", reason: "held-out AUC 0.8000 < 0.8100 of the model in use" });
  });

  it("promotes a retrained model that is not worse: equal or higher AUC", () => {
    expect(decidePromotion({ auc: 0.8 }, { auc: 0.8 }).winner).toBe("candidate");
    expect(decidePromotion({ auc: 0.8, brier: 0.2 }, { auc: 0.85, brier: 0.3 }).winner).toBe("candidate");
  });

  it("breaks an AUC tie on the Brier score", () => {
    expect(decidePromotion({ auc: 0.8, brier: 0.15 }, { auc: 0.8, brier: 0.16 }).winner).toBe("current");
    expect(decidePromotion({ auc: 0.8, brier: 0.15 }, { auc: 0.8, brier: 0.15 }).winner).toBe("candidate");
  });
});

describe("recordedScore", () => {
  it("reads the lead model's hold-out report, the close model's metrics and a plain auc", () => {
    expect(recordedScore({ rocAuc: 0.7, brier: 0.2, rows: 10 })).toEqual({ auc: 0.7, brier: 0.2 });
    expect(recordedScore({ holdout: { auc: 0.75, brier: 0.18 }, lambda: 0.01 })).toEqual({ auc: 0.75, brier: 0.18 });
    expect(recordedScore({ auc: 0.9 })).toEqual({ auc: 0.9 });
    expect(recordedScore({ validation: { accuracy: 0.9 } })).toBeUndefined();
    expect(recordedScore(null)).toBeUndefined();
  });
});
