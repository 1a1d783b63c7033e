import type { CloseModelMetrics } from "./train.js";

/** The training summary operators read after `pipeline train` and in the evaluation report. */
export function formatCalibration(m: Pick<CloseModelMetrics["holdout"], "calibration">): string[] {
  return m.calibration.map(
    (b) => `    ${b.from.toFixed(1)}–${b.to.toFixed(1)}: predicted ${b.meanPredicted.toFixed(2)}, observed ${b.observedRate.toFixed(2)} (${b.count})`,
  );
}

export function formatHoldout(h: CloseModelMetrics["holdout"]): string[] {
  const split = h.cutoff === "random" ? "random 20% of deals" : `fitted on ${h.trainDeals} deals closed before ${h.cutoff.slice(0, 10)}, scored on later deals`;
  return [
    `  hold-out (${split}): ${h.rows} snapshots of ${h.testDeals} deals, win rate ${(h.baseRate * 100).toFixed(0)}%`,
    `  AUC ${h.auc.toFixed(3)} (one snapshot per deal: ${h.dealLevelAuc.toFixed(3)}); Brier ${h.brier.toFixed(4)} vs ${h.baselineBrier.toFixed(4)} for the training win rate (skill ${(h.brierSkill * 100).toFixed(1)}%); log-loss ${h.logLoss.toFixed(3)}; calibration error ${h.calibrationError.toFixed(3)}`,
    "  calibration (bins of predicted probability):",
    ...formatCalibration(h),
  ];
}

export function formatTrainMetrics(m: CloseModelMetrics, context: { asOf: string; snapshot?: boolean }): string {
  return [
    `deal-close model: ${m.closedDeals} closed deals (${m.snapshots} stage snapshots), win rate ${(m.winRate * 100).toFixed(0)}%, L2 λ ${m.lambda}; outcomes known by ${context.asOf.slice(0, 10)}${context.snapshot ? " (newest CRM record)" : ""}`,
    ...formatHoldout(m.holdout),
  ].join("\n");
}
