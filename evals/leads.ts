import fs from "node:fs";
import path from "node:path";
import { parseCsv } from "../tools/leads/csv.js";
import type { BinaryReport } from "../tools/leads/metrics.js";
import { formatCalibration, formatMetricsLine } from "../tools/leads/report.js";
import { trainLeadModel } from "../tools/leads/trainer.js";

/**
 * Lead scoring on real public data (../shared/data): train on the 80% file with our own stratified,
 * seeded hold-out split and report the hold-out metrics. Extra seeds show how much the figure moves.
 */

export const LEADS_DATASETS = {
  leads: { file: "leads/leads.train.csv", target: "Converted", targetAuc: undefined },
  bank: { file: "bank-marketing/bank.train.csv", target: "y", targetAuc: 0.8 },
} as const satisfies Record<string, { file: string; target: string; targetAuc: number | undefined }>;

export type LeadsDataset = keyof typeof LEADS_DATASETS;

export interface LeadsEvalReport {
  dataset: LeadsDataset;
  file: string;
  target: string;
  separator: string;
  rows: number;
  trainRows: number;
  holdoutRows: number;
  seed: number;
  trainingMs: number;
  chosen: string;
  holdout: BinaryReport;
  candidates: { type: string; validationAuc: number; holdoutAuc: number; detail: string }[];
  lambda: number | undefined;
  warnings: string[];
  /** Hold-out ROC-AUC of the same pipeline under other split seeds. */
  otherSeeds: { seed: number; rocAuc: number; chosen: string }[];
  targetAuc: number | undefined;
}

export const EVAL_SEED = 20261124;

export function runLeadsEval(sharedDataDir: string, which: LeadsDataset, options: { extraSeeds?: number[] } = {}): LeadsEvalReport {
  const spec = LEADS_DATASETS[which];
  const file = path.join(sharedDataDir, spec.file);
  if (!fs.existsSync(file)) throw new Error(`lead-scoring eval needs ${file}, which is absent (is ../shared/data there?)`);
  const table = parseCsv(fs.readFileSync(file, "utf8"));
  const { model, trainingMs } = trainLeadModel(table, { target: spec.target, seed: EVAL_SEED });
  const m = model.metrics;
  const otherSeeds = (options.extraSeeds ?? [1, 2]).map((seed) => {
    const other = trainLeadModel(table, { target: spec.target, seed }).model;
    return { seed, rocAuc: other.metrics.holdout.rocAuc, chosen: other.predictor.type };
  });
  return {
    dataset: which,
    file,
    target: spec.target,
    separator: table.separator,
    rows: table.rows.length,
    trainRows: m.trainRows,
    holdoutRows: m.holdoutRows,
    seed: m.seed,
    trainingMs,
    chosen: model.predictor.type,
    holdout: m.holdout,
    candidates: m.candidates.map((c) => ({ type: c.type, validationAuc: c.validationAuc, holdoutAuc: c.holdout.rocAuc, detail: c.detail })),
    lambda: model.predictor.type === "logistic" ? model.predictor.lambda : undefined,
    warnings: model.warnings,
    otherSeeds,
    targetAuc: spec.targetAuc,
  };
}

export function formatLeadsReport(r: LeadsEvalReport): string {
  const aucs = [r.holdout.rocAuc, ...r.otherSeeds.map((s) => s.rocAuc)];
  const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
  const lines = [
    `lead scoring — ${r.dataset}: ${r.file}`,
    `  ${r.rows} rows, target ${r.target}, separator ${JSON.stringify(r.separator)}; trained on ${r.trainRows}, held out ${r.holdoutRows} (stratified, seed ${r.seed}) in ${(r.trainingMs / 1000).toFixed(1)} s`,
    ...r.warnings.map((w) => `  note: ${w}`),
    ...r.candidates.map(
      (c) => `  ${c.type.padEnd(14)} validation AUC ${c.validationAuc.toFixed(3)}  hold-out AUC ${c.holdoutAuc.toFixed(3)}  (${c.detail})`,
    ),
    `  chosen: ${r.chosen}`,
    `  hold-out: ${formatMetricsLine(r.holdout)}`,
    ...formatCalibration(r.holdout).map((l) => `  ${l}`),
  ];
  if (r.otherSeeds.length) {
    lines.push(
      `  other split seeds: ${r.otherSeeds.map((s) => `${s.seed} → ${s.rocAuc.toFixed(3)} (${s.chosen})`).join(", ")}; mean ROC-AUC over ${aucs.length} splits ${mean.toFixed(3)}`,
    );
  }
  if (r.targetAuc !== undefined) {
    lines.push(`  target ROC-AUC ≥ ${r.targetAuc.toFixed(2)}: ${r.holdout.rocAuc >= r.targetAuc ? "met" : "NOT met"} on the seed-${r.seed} hold-out`);
  }
  return lines.join("\n");
}
