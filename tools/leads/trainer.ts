import { BadInputError } from "../../src/core/errors.js";
import { fitBoostedTrees, type BoostingOptions } from "./boosted-trees.js";
import { stratifiedSplit } from "./cross-validation.js";
import type { CsvTable } from "./csv.js";
import { fitColumns, quantile, type EncoderOptions } from "./encoder.js";
import { encodeDesign, featureMeans, linearLayout } from "./linear-design.js";
import { fitLogistic, predictLogistic } from "./logistic-regression.js";
import { bandPrecision, cutoffTable } from "./bands.js";
import { binaryReport, rocAuc } from "./metrics.js";
import { LEAD_MODEL_FORMAT, LEAD_MODEL_VERSION, type LeadModelFile, type PredictorSpec } from "./model-file.js";
import { compilePredictor } from "./predictor.js";
import { inferSchema, type IgnoredReason } from "./schema-inference.js";
import { parseTarget } from "./target.js";
import { binRows } from "./tree-bins.js";
import { DEFAULT_LAMBDAS, fitTunedLogistic } from "./tune-logistic.js";

export { crossValidateLambda, DEFAULT_LAMBDAS } from "./tune-logistic.js";

export interface TrainOptions {
  target: string;
  /** The target value that counts as a conversion (default: 1/yes/true/won/converted). */
  positive?: string;
  /** Share of rows held out for the reported metrics. */
  holdoutShare?: number;
  folds?: number;
  lambdas?: readonly number[];
  /** Boosted trees as a challenger to logistic regression (on unless false). */
  trees?: false | BoostingOptions;
  seed?: number;
  trainedAt?: Date;
  encoder?: EncoderOptions;
  /** Columns left out of the model (post-contact fields that leak the outcome, for example). */
  exclude?: readonly string[];
  /** Only these columns (besides the target) may enter the model. */
  include?: readonly string[];
}

export interface TrainResult {
  model: LeadModelFile;
  trainingMs: number;
}

export const DEFAULT_SEED = 20261124;
const MIN_PER_CLASS = 10;
/** Above this many training rows 3 folds are used: the estimate is stable and the fit takes half as long. */
const LARGE = 15_000;
/** Weight of the trees' log-odds in the blend candidate. */
const BLEND_TREES_WEIGHT = 0.5;
export const SELECTION_RULE =
  "the candidate with the highest validation AUC (on a stratified 15% of the training part), ties to the simpler model (logistic, then trees, then blend); then refit on every row";
const HOT_SHARE = 0.1;
const WARM_SHARE = 0.2;

/**
 * Trains a conversion model on a CSV export: schema inference, a stratified seeded hold-out split for the
 * reported metrics, L2 logistic regression with λ from k-fold CV, and boosted trees as a challenger that
 * replaces it only when it wins on a validation split carved from the training part.
 */
export function trainLeadModel(table: CsvTable, options: TrainOptions): TrainResult {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const { rows, y, target, schema, warnings } = prepare(table, options);
  const positions = schema.features.map((f) => f.index);
  const split = stratifiedSplit(y, options.holdoutShare ?? 0.2, seed);
  const fitted = fitColumns(
    schema.features,
    split.train.map((i) => rows[i]!),
    options.encoder,
  );
  warnings.push(...fitted.warnings);
  const columns = fitted.columns;

  const layout = linearLayout(columns);
  const design = encodeDesign(layout, rows, positions);
  const positives = y.reduce((s, v) => s + v, 0);
  const folds = Math.max(2, Math.min(options.folds ?? (split.train.length > LARGE ? 3 : 5), positives, y.length - positives));
  const logistic = fitTunedLogistic(layout, design, y, split.train, { lambdas: options.lambdas ?? DEFAULT_LAMBDAS, folds, seed: seed + 1 });

  const holdoutY = Uint8Array.from(split.test, (r) => y[r]!);
  const predictOn = (predictor: PredictorSpec, indices: readonly number[]) => {
    const compiled = compilePredictor(columns, predictor);
    return Float64Array.from(indices, (r) => compiled.probability((c) => rows[r]![positions[c]!]));
  };
  const candidates: LeadModelFile["metrics"]["candidates"] = [];
  let predictor: PredictorSpec = logistic.model;
  let refitTrees = 0;
  if (options.trees === false) {
    const best = logistic.crossValidation.find((p) => p.lambda === logistic.model.lambda)!;
    candidates.push({ type: "logistic", validationAuc: best.auc, holdout: binaryReport(holdoutY, predictOn(logistic.model, split.test)), detail: logistic.detail });
  } else {
    const inner = stratifiedSplit(Uint8Array.from(split.train, (r) => y[r]!), 0.15, seed + 2);
    const fitRows = inner.train.map((i) => split.train[i]!);
    const validationRows = inner.test.map((i) => split.train[i]!);
    const validationY = Uint8Array.from(validationRows, (r) => y[r]!);
    const boosted = fitBoostedTrees(binRows(columns, rows, positions), y, fitRows, validationRows, { seed, ...options.trees });
    // the linear model is refitted on the same rows as the trees so the two validation AUCs compare fairly
    const innerLogistic = fitLogistic(design, y, { lambda: logistic.model.lambda, rows: fitRows, init: logistic.fit });
    const logisticP = predictLogistic(design, innerLogistic, validationRows);
    const treesP = predictOn(boosted.model, validationRows);
    const logisticAuc = rocAuc(validationY, logisticP);
    const treesAuc = rocAuc(validationY, treesP);
    // averaging the two models' log-odds often ranks better than either: their errors differ
    const blendAuc = rocAuc(
      validationY,
      Float64Array.from(treesP, (p, i) => BLEND_TREES_WEIGHT * logit(p) + (1 - BLEND_TREES_WEIGHT) * logit(logisticP[i]!)),
    );
    const blend: PredictorSpec = { type: "blend", treesWeight: BLEND_TREES_WEIGHT, logistic: logistic.model, trees: boosted.model };
    candidates.push(
      { type: "logistic", validationAuc: logisticAuc, holdout: binaryReport(holdoutY, predictOn(logistic.model, split.test)), detail: logistic.detail },
      {
        type: "boosted-trees",
        validationAuc: treesAuc,
        holdout: binaryReport(holdoutY, predictOn(boosted.model, split.test)),
        detail: `${boosted.bestRound} trees of depth ≤ ${boosted.model.maxDepth}, early-stopped on ${validationRows.length} validation rows`,
      },
    );
    if (boosted.bestRound > 0) {
      candidates.push({
        type: "blend",
        validationAuc: blendAuc,
        holdout: binaryReport(holdoutY, predictOn(blend, split.test)),
        detail: `log-odds of the two averaged, weight ${BLEND_TREES_WEIGHT} on the trees`,
      });
    }
    // candidates are listed simplest first, so a strict ">" sends ties to the simpler model
    const best = candidates.reduce((a, b) => (b.validationAuc > a.validationAuc ? b : a));
    predictor = best.type === "blend" ? blend : best.type === "boosted-trees" ? boosted.model : logistic.model;
    refitTrees = boosted.bestRound;
  }

  // What the selected model does on rows it never saw grades the bands; then it is refit on every row.
  const selectedTrainP = predictOn(predictor, split.train);
  const selectedHoldoutP = predictOn(predictor, split.test);
  const everyRow = [...split.train, ...split.test];
  const refitLogistic = fitLogistic(design, y, { lambda: logistic.model.lambda, rows: everyRow, init: logistic.fit });
  const finalLogistic: typeof logistic.model = {
    ...logistic.model,
    intercept: refitLogistic.intercept,
    weights: Array.from(refitLogistic.weights),
    featureMeans: Array.from(featureMeans(design, everyRow)),
  };
  const refitBoosted = () =>
    fitBoostedTrees(binRows(columns, rows, positions), y, everyRow, [], { seed, ...(options.trees || {}), rounds: refitTrees, patience: refitTrees + 1 }).model;
  if (predictor.type === "logistic") predictor = finalLogistic;
  else if (predictor.type === "boosted-trees") predictor = refitBoosted();
  else predictor = { ...predictor, logistic: finalLogistic, trees: refitBoosted() };
  const finalP = predictOn(predictor, everyRow);
  const trainP = Float64Array.from(finalP).sort();
  const cutoffs = cutoffTable(finalP, selectedTrainP, selectedHoldoutP, holdoutY);
  const model: LeadModelFile = {
    format: LEAD_MODEL_FORMAT,
    version: LEAD_MODEL_VERSION,
    trainedAt: (options.trainedAt ?? new Date()).toISOString(),
    target: { column: options.target, positive: target.positive, negative: target.negative },
    columns,
    ignored: schema.ignored,
    predictor,
    coefficients: {
      intercept: finalLogistic.intercept,
      lambda: finalLogistic.lambda,
      features: finalLogistic.featureNames.map((name, j) => ({ name, weight: finalLogistic.weights[j]! })),
    },
    bands: {
      hot: quantile(trainP, 1 - HOT_SHARE),
      warm: quantile(trainP, 1 - HOT_SHARE - WARM_SHARE),
      hotShare: HOT_SHARE,
      warmShare: WARM_SHARE,
      expectedPrecision: {
        hot: bandPrecision(selectedTrainP, selectedHoldoutP, holdoutY, 0, HOT_SHARE),
        warm: bandPrecision(selectedTrainP, selectedHoldoutP, holdoutY, HOT_SHARE, HOT_SHARE + WARM_SHARE),
        cold: bandPrecision(selectedTrainP, selectedHoldoutP, holdoutY, HOT_SHARE + WARM_SHARE, 1),
      },
      table: cutoffs,
    },
    metrics: {
      trainRows: split.train.length,
      holdoutRows: split.test.length,
      seed,
      holdout: candidates.find((c) => c.type === predictor.type)!.holdout,
      candidates,
      crossValidation: logistic.crossValidation,
      selection: options.trees === false ? "logistic regression only (--no-trees); then refit on every row" : SELECTION_RULE,
      refitRows: everyRow.length,
    },
    warnings,
  };
  return { model, trainingMs: performance.now() - started };
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
}

/** Target and schema, with the checks that make a file unusable reported as one-line bad input. */
function prepare(table: CsvTable, options: TrainOptions) {
  if (table.rows.length === 0) throw new BadInputError("the data file has no rows");
  const targetIndex = table.header.indexOf(options.target);
  if (targetIndex < 0) {
    throw new BadInputError(`target column ${options.target} is not in the file (columns: ${table.header.slice(0, 12).join(", ")})`);
  }
  const target = parseTarget(options.target, table.rows.map((r) => r[targetIndex]), options.positive);
  const rows = target.kept.map((i) => table.rows[i]!);
  const y = target.y;
  const positives = y.reduce((s, v) => s + v, 0);
  if (Math.min(positives, y.length - positives) < MIN_PER_CLASS) {
    throw new BadInputError(
      `target ${options.target} needs at least ${MIN_PER_CLASS} rows of each class, found ${positives} ${target.positive} and ${y.length - positives} ${target.negative}`,
    );
  }
  for (const [flag, names] of [["--exclude", options.exclude], ["--include", options.include]] as const) {
    const unknown = (names ?? []).find((n) => !table.header.includes(n));
    if (unknown !== undefined) throw new BadInputError(`${flag}: column ${unknown} is not in the file (columns: ${table.header.slice(0, 12).join(", ")})`);
  }
  const schema = inferSchema(table.header, rows, targetIndex);
  const chosen = (name: string) => !options.exclude?.includes(name) && (!options.include?.length || options.include.includes(name));
  const leftOut = schema.features.filter((f) => !chosen(f.name));
  if (leftOut.length) {
    schema.features = schema.features.filter((f) => chosen(f.name));
    schema.ignored.push(...leftOut.map((f) => ({ name: f.name, reason: (options.exclude?.includes(f.name) ? "excluded" : "not included") as IgnoredReason })));
  }
  if (schema.features.length === 0) throw new BadInputError("no usable feature columns besides the target");
  const warnings = [...schema.warnings, ...(target.warning ? [target.warning] : [])];
  if (target.missing > 0) warnings.push(`${target.missing} row(s) without a target value were left out`);
  return { rows, y, target, schema, warnings };
}
