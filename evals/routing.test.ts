import { describe, expect, it } from "vitest";
import { formatRoutingReport, runRoutingEval } from "./routing.js";

describe("routing held-out evaluation", () => {
  it("routes at least 85% of the held-out messages correctly, with and without the router's rules", async () => {
    const report = await runRoutingEval();
    expect(report.cases).toBeGreaterThanOrEqual(14 * 12);
    expect(report.classifierAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(report.routerAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(formatRoutingReport(report)).toContain("router accuracy");
  });
});
