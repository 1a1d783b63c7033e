import { foldSplit, stratifiedFolds } from "./cross-validation.js";
import { featureMeans, type Design, type LinearLayout } from "./linear-design.js";
import { fitLogistic, predictLogistic, type LogisticFit } from "./logistic-regression.js";
import { logLoss, rocAuc } from "./metrics.js";
import type { LogisticModel } from "./model-file.js";

export const DEFAULT_LAMBDAS = [0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001] as const;
/** Out-of-fold predictions need less precision than the final fit. */
const CV_TOLERANCE = 1e-5;

export interface CrossValidationPoint {
  lambda: number;
  logLoss: number;
  auc: number;
}

/** Out-of-fold log-loss and AUC for each λ (descending λ, warm-started along the path). */
export function crossValidateLambda(
  design: Design,
  y: ArrayLike<number>,
  rows: readonly number[],
  lambdas: readonly number[],
  folds: number,
  seed: number,
): CrossValidationPoint[] {
  const yRows = Uint8Array.from(rows, (r) => y[r]!);
  const fold = stratifiedFolds(yRows, folds, seed);
  const sorted = [...lambdas].sort((a, b) => b - a);
  const oof = sorted.map(() => new Float64Array(rows.length));
  for (let k = 0; k < folds; k++) {
    const split = foldSplit(fold, k);
    const trainRows = split.train.map((i) => rows[i]!);
    const testRows = split.test.map((i) => rows[i]!);
    let init: LogisticFit | undefined;
    sorted.forEach((lambda, l) => {
      init = fitLogistic(design, y, { lambda, rows: trainRows, init, tolerance: CV_TOLERANCE });
      const p = predictLogistic(design, init, testRows);
      split.test.forEach((i, t) => (oof[l]![i] = p[t]!));
    });
  }
  return sorted.map((lambda, l) => ({ lambda, logLoss: logLoss(yRows, oof[l]!), auc: rocAuc(yRows, oof[l]!) }));
}

export interface TunedLogistic {
  model: LogisticModel;
  fit: LogisticFit;
  crossValidation: CrossValidationPoint[];
  detail: string;
}

/** λ with the lowest cross-validated log-loss, then one fit on all `rows`. */
export function fitTunedLogistic(
  layout: LinearLayout,
  design: Design,
  y: ArrayLike<number>,
  rows: readonly number[],
  options: { lambdas: readonly number[]; folds: number; seed: number },
): TunedLogistic {
  const crossValidation = crossValidateLambda(design, y, rows, options.lambdas, options.folds, options.seed);
  const best = crossValidation.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
  const fit = fitLogistic(design, y, { lambda: best.lambda, rows });
  return {
    model: {
      type: "logistic",
      lambda: best.lambda,
      intercept: fit.intercept,
      weights: Array.from(fit.weights),
      featureMeans: Array.from(featureMeans(design, rows)),
      featureNames: layout.names,
    },
    fit,
    crossValidation,
    detail: `λ=${best.lambda} by ${options.folds}-fold CV, ${layout.features} features`,
  };
}
