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
    ...(m.selection ? [`chosen: ${model.predictor.type} — rule: ${m.selection}${m.refitRows ? ` (${m.refitRows} rows)` : ""}`] : []),
    `hold-out (${m.holdoutRows} rows, stratified, seed ${m.seed}, scored before the refit): ${formatMetricsLine(m.holdout)}`,
    "calibration on the hold-out:",
    ...formatCalibration(m.holdout),
    ...formatBands(model),
  ];
  return lines.join("\n");
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/** One line per band: what it means and how often its leads convert. */
export function bandRules(model: Pick<LeadModelFile, "bands">): Record<"hot" | "warm" | "cold", string> {
  const b = model.bands;
  const expected = (k: "hot" | "warm" | "cold") => (b.expectedPrecision ? `, about ${pct(b.expectedPrecision[k])} convert` : "");
  return {
    hot: `hot = top ${pct(b.hotShare)} of training leads (probability ≥ ${b.hot.toFixed(3)})${expected("hot")}`,
    warm: `warm = next ${pct(b.warmShare)} (probability ≥ ${b.warm.toFixed(3)})${expected("warm")}`,
    cold: `cold = the rest (probability < ${b.warm.toFixed(3)})${expected("cold")}`,
  };
}

/** The bands and the cut-off table: a band is a share of leads, not a fixed probability. */
export function formatBands(model: Pick<LeadModelFile, "bands" | "metrics">): string[] {
  const rules = bandRules(model);
  const lines = [
    "priority bands are shares of leads ranked by probability, so a band's cut-off depends on the data's base rate:",
    `  ${rules.hot}`,
    `  ${rules.warm}`,
    `  ${rules.cold}`,
  ];
  if (model.bands.table?.length) {
    lines.push("cut-offs by share of leads (expected precision and converters captured measured on the hold-out):");
    lines.push("  top share  probability ≥  expected precision  converters captured");
    for (const r of model.bands.table) {
      lines.push(`  ${pct(r.topShare).padStart(9)}  ${r.cutoff.toFixed(3).padStart(13)}  ${pct(r.expectedPrecision).padStart(18)}  ${pct(r.captured).padStart(19)}`);
    }
  }
  return lines;
}
