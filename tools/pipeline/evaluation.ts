import { brierScore, calibrationTable, expectedCalibrationError, logLoss, rocAuc, type CalibrationBin } from "../leads/metrics.js";

/** Hold-out quality of predicted win probabilities: ranking (AUC), accuracy (Brier) and calibration. */
export interface ProbabilityReport {
  rows: number;
  positives: number;
  baseRate: number;
  auc: number;
  brier: number;
  /** Brier of always predicting the training win rate; the model must beat it to add anything. */
  baselineBrier: number;
  /** 1 − brier / baselineBrier: share of the baseline's error removed. */
  brierSkill: number;
  logLoss: number;
  calibration: CalibrationBin[];
  calibrationError: number;
}

export function evaluateProbabilities(y: readonly number[], p: readonly number[], trainingRate: number, bins = 10): ProbabilityReport {
  const positives = y.reduce((s, v) => s + v, 0);
  const brier = brierScore(y, p);
  const baselineBrier = brierScore(y, y.map(() => trainingRate));
  const calibration = calibrationTable(y, p, bins);
  return {
    rows: y.length,
    positives,
    baseRate: positives / y.length,
    auc: rocAuc(y, p),
    brier,
    baselineBrier,
    brierSkill: baselineBrier > 0 ? 1 - brier / baselineBrier : 0,
    logLoss: logLoss(y, p),
    calibration,
    calibrationError: expectedCalibrationError(calibration),
  };
}
