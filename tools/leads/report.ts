import type { BinaryReport } from "./metrics.js";
import type { LeadModelFile } from "./model-file.js";

const f3 = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : "n/a");

export function formatMetricsLine(m: Pick<BinaryReport, "rocAuc" | "prAuc" | "logLoss" | "brier" | "liftTopDecile" | "baseRate">): string {
  return `ROC-AUC ${f3(m.rocAuc)}  PR-AUC ${f3(m.prAuc)}  log-loss ${f3(m.logLoss)}  Brier ${f3(m.brier)}  lift@10% ${m.liftTopDecile.toFixed(2)}  base rate ${(m.baseRate * 100).toFixed(1)}%`;
}

export function formatCalibration(m: Pick<BinaryReport, "calibration">): string[] {
  return [
    "  predicted      n   mean p  observed",
    ...m.calibration.map(
      (b) => `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.count).padStart(6)}  ${b.meanPredicted.toFixed(3)}    ${b.observedRate.toFixed(3)}`,
    ),
  ];
}

/** The short summary printed after `leads train`. */
export function formatTrainSummary(model: LeadModelFile, trainingMs?: number): string {
  const m = model.metrics;
  const lines = [
    `trained ${model.predictor.type} on ${m.trainRows} rows (target ${model.target.column}, positive "${model.target.positive}")${trainingMs !== undefined ? ` in ${(trainingMs / 1000).toFixed(1)} s` : ""}`,
    `features: ${model.columns.map((c) => `${c.name} (${c.kind})`).join(", ")}`,
    ...model.warnings.map((w) => `warning: ${w}`),
    ...m.candidates.map((c) => `  ${c.type.padEnd(14)} validation AUC ${f3(c.validationAuc)}  hold-out AUC ${f3(c.holdout.rocAuc)}  (${c.detail})`),
    `hold-out (${m.holdoutRows} rows, stratified, seed ${m.seed}): ${formatMetricsLine(m.holdout)}`,
    `priority bands: hot ≥ ${model.bands.hot.toFixed(3)}, warm ≥ ${model.bands.warm.toFixed(3)}`,
  ];
  return lines.join("\n");
}
