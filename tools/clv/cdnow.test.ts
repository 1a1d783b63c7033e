import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fitClv, predictClv, PUBLISHED_CDNOW } from "./model.js";
import { readTransactions } from "./transactions-csv.js";

/** The 1/10 CDNOW sample's 39-week calibration (../shared/data), fitted and compared with the published parameters. */
const FILE = path.resolve(import.meta.dirname, "../../../shared/data/segmentation/cdnow_sample.calibration.csv");
const present = fs.existsSync(FILE);
if (!present) console.warn(`skipping the CDNOW check: ${FILE} is absent (the shared data sets)`);

describe.skipIf(!present)("CLV on the CDNOW sample", () => {
  it("fits BG/NBD within 5% of the published r, α, a, b and Gamma-Gamma within 1% of p, q, γ", () => {
    const tx = readTransactions(fs.readFileSync(FILE, "utf8"), { customer: "sample_customer_id", date: "date", value: "dollar_value" });
    const model = fitClv(tx, "1997-09-30", { customer: "sample_customer_id", date: "date", value: "dollar_value" });
    expect(model.customers).toBe(2357);
    const close = (fitted: number, published: number, tolerance: number) => expect(Math.abs(fitted - published) / published).toBeLessThan(tolerance);
    close(model.bgNbd.r, PUBLISHED_CDNOW.bgNbd.r, 0.05);
    close(model.bgNbd.alpha, PUBLISHED_CDNOW.bgNbd.alpha, 0.05);
    close(model.bgNbd.a, PUBLISHED_CDNOW.bgNbd.a, 0.05);
    close(model.bgNbd.b, PUBLISHED_CDNOW.bgNbd.b, 0.05);
    close(model.gammaGamma!.p, PUBLISHED_CDNOW.gammaGamma.p, 0.01);
    close(model.gammaGamma!.q, PUBLISHED_CDNOW.gammaGamma.q, 0.01);
    close(model.gammaGamma!.gamma, PUBLISHED_CDNOW.gammaGamma.gamma, 0.01);
    // Fader & Hardie 2013 report ln L = −4055.92 for the Gamma-Gamma fit on these 946 repeat buyers
    expect(model.gammaGamma!.logLikelihood).toBeCloseTo(-4055.92, 1);
    const predictions = predictClv(model, tx, 39);
    const total = predictions.reduce((s, p) => s + p.expectedPurchases, 0);
    expect(total).toBeGreaterThan(1400);
    expect(total).toBeLessThan(1900);
  });
});
