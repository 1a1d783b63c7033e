import fs from "node:fs";
import path from "node:path";
import { fitClv, predictClv, type ClvModelFile } from "../tools/clv/model.js";
import { formatFitReport, summarisePredictions } from "../tools/clv/report.js";
import { readTransactions } from "../tools/clv/transactions-csv.js";

/**
 * CLV on the CDNOW 1/10 sample (../shared/data/segmentation): BG/NBD + Gamma-Gamma fitted on the 39-week
 * calibration (1997-01-01..1997-09-30), the parameters beside the published ones, and the repeat purchases
 * predicted for the following 39 weeks (the hold-out period itself is not in the shared data).
 */
export const CDNOW_SAMPLE = "segmentation/cdnow_sample.calibration.csv";
const COLUMNS = { customer: "sample_customer_id", date: "date", value: "dollar_value" };

export interface ClvEvalReport {
  model: ClvModelFile;
  fitMs: number;
  predictionSummary: string;
  distribution: { bucket: string; customers: number }[];
}

export function runClvEval(sharedDir: string): ClvEvalReport {
  const tx = readTransactions(fs.readFileSync(path.join(sharedDir, CDNOW_SAMPLE), "utf8"), COLUMNS);
  const started = performance.now();
  const model = fitClv(tx, "1997-09-30", COLUMNS);
  const fitMs = performance.now() - started;
  const predictions = predictClv(model, tx, 39);
  const buckets = [
    { bucket: "< 0.1", test: (x: number) => x < 0.1 },
    { bucket: "0.1–0.5", test: (x: number) => x >= 0.1 && x < 0.5 },
    { bucket: "0.5–1", test: (x: number) => x >= 0.5 && x < 1 },
    { bucket: "1–3", test: (x: number) => x >= 1 && x < 3 },
    { bucket: "≥ 3", test: (x: number) => x >= 3 },
  ];
  return {
    model,
    fitMs,
    predictionSummary: summarisePredictions(predictions, 39),
    distribution: buckets.map((b) => ({ bucket: b.bucket, customers: predictions.filter((p) => b.test(p.expectedPurchases)).length })),
  };
}

export function formatClvReport(r: ClvEvalReport): string {
  return [
    `CDNOW 1/10 sample, calibration to ${r.model.calibrationEnd} (fit ${Math.round(r.fitMs)} ms)`,
    formatFitReport(r.model, { compare: true }),
    `next 39 weeks: ${r.predictionSummary}`,
    `expected repeat purchases per customer: ${r.distribution.map((d) => `${d.bucket}: ${d.customers}`).join(", ")}`,
  ].join("\n");
}
