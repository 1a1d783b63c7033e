import { z } from "zod";

/** The JSON model file: feature schema, fitted parameters, metrics and training date. Parsed once on load. */

export const LEAD_MODEL_FORMAT = "salesgraph.lead-model";
export const LEAD_MODEL_VERSION = 1;

const finite = z.number().finite();

export const NumericColumnSpec = z.object({
  name: z.string(),
  kind: z.enum(["numeric", "boolean", "date"]),
  /** Winsorising bounds on the raw value (dates: days relative to `reference`). */
  clip: z.tuple([finite, finite]),
  log: z.boolean(),
  /** Mean and standard deviation after clipping and the log transform. */
  mean: finite,
  sd: finite.positive(),
  /** Date columns: the latest training date in days since the epoch; values become days before it. */
  reference: finite.optional(),
  missingIndicator: z.boolean(),
  /** Quantile edges for the piecewise-constant part of the linear model (raw scale). */
  knots: z.array(finite),
  /** Quantile edges for tree splits (raw scale). */
  treeEdges: z.array(finite),
});
export type NumericColumnSpec = z.infer<typeof NumericColumnSpec>;

export const CategoricalColumnSpec = z.object({
  name: z.string(),
  kind: z.literal("categorical"),
  /** Category keys (trimmed, lower case) kept as their own level, most frequent first. */
  levels: z.array(z.string()),
  /** How each level was first written, for explanations. */
  labels: z.array(z.string()),
  /** A level for rare categories; unseen categories at scoring time fall into it too. */
  other: z.boolean(),
  missing: z.boolean(),
});
export type CategoricalColumnSpec = z.infer<typeof CategoricalColumnSpec>;

export const ColumnSpec = z.discriminatedUnion("kind", [NumericColumnSpec, CategoricalColumnSpec]);
export type ColumnSpec = z.infer<typeof ColumnSpec>;

export const LogisticModel = z.object({
  type: z.literal("logistic"),
  lambda: finite.nonnegative(),
  intercept: finite,
  weights: z.array(finite),
  /** Training mean of each encoded feature: explanations are relative to the average lead. */
  featureMeans: z.array(finite),
  featureNames: z.array(z.string()),
});
export type LogisticModel = z.infer<typeof LogisticModel>;

export const TreeNode = z.object({
  /** Column index into `columns`; -1 for a leaf. */
  feature: z.number().int(),
  /** Bins that go left (only for splits). */
  left: z.array(z.number().int()).optional(),
  yes: z.number().int().optional(),
  no: z.number().int().optional(),
  /** Log-odds contribution of this node if the walk stopped here (already scaled by the learning rate). */
  value: finite,
});
export type TreeNode = z.infer<typeof TreeNode>;

export const BoostedTreesModel = z.object({
  type: z.literal("boosted-trees"),
  baseScore: finite,
  learningRate: finite.positive(),
  maxDepth: z.number().int().positive(),
  trees: z.array(z.array(TreeNode)),
});
export type BoostedTreesModel = z.infer<typeof BoostedTreesModel>;

/** Both models together: the log-odds are averaged with weight `treesWeight` on the trees. */
export const BlendModel = z.object({
  type: z.literal("blend"),
  treesWeight: finite.min(0).max(1),
  logistic: LogisticModel,
  trees: BoostedTreesModel,
});
export type BlendModel = z.infer<typeof BlendModel>;

export const PredictorSpec = z.discriminatedUnion("type", [LogisticModel, BoostedTreesModel, BlendModel]);
export type PredictorSpec = z.infer<typeof PredictorSpec>;

const CalibrationBin = z.object({ from: finite, to: finite, count: z.number().int(), meanPredicted: finite, observedRate: finite });

export const MetricsSpec = z.object({
  rows: z.number().int(),
  positives: z.number().int(),
  baseRate: finite,
  rocAuc: z.number(),
  prAuc: z.number(),
  logLoss: finite,
  brier: finite,
  liftTopDecile: z.number(),
  calibration: z.array(CalibrationBin),
});

export const CandidateSpec = z.object({
  type: z.enum(["logistic", "boosted-trees", "blend"]),
  validationAuc: z.number(),
  holdout: MetricsSpec,
  detail: z.string(),
});

export const LeadModelFile = z.object({
  format: z.literal(LEAD_MODEL_FORMAT),
  version: z.literal(LEAD_MODEL_VERSION),
  trainedAt: z.iso.datetime(),
  target: z.object({ column: z.string(), positive: z.string(), negative: z.string() }),
  columns: z.array(ColumnSpec),
  ignored: z.array(z.object({ name: z.string(), reason: z.string() })),
  predictor: PredictorSpec,
  /** The tuned logistic regression's coefficients by feature name, whichever model scores. */
  coefficients: z.object({ intercept: finite, lambda: finite, features: z.array(z.object({ name: z.string(), weight: finite })) }),
  /** Probability cut-offs for priority: top share of training leads is hot, the next share warm. */
  bands: z.object({
    hot: finite,
    warm: finite,
    hotShare: finite,
    warmShare: finite,
    /** Converters expected per band, measured on the hold-out rows (models trained before issue 13 lack it). */
    expectedPrecision: z.object({ hot: finite, warm: finite, cold: finite }).optional(),
    /** Cut-offs by top share of leads, with expected precision and share of converters captured. */
    table: z.array(z.object({ topShare: finite, cutoff: finite, expectedPrecision: finite, captured: finite })).optional(),
  }),
  metrics: z.object({
    trainRows: z.number().int(),
    holdoutRows: z.number().int(),
    seed: z.number().int(),
    holdout: MetricsSpec,
    candidates: z.array(CandidateSpec),
    crossValidation: z.array(z.object({ lambda: finite, logLoss: finite, auc: z.number() })),
    /** How the scoring model was chosen among the candidates. */
    selection: z.string().optional(),
    /** Rows the chosen model was refit on after selection (every row with a target). */
    refitRows: z.number().int().optional(),
  }),
  /** sha256 of the training file's text, to tell models apart in the models table. */
  dataHash: z.string().optional(),
  warnings: z.array(z.string()),
});
export type LeadModelFile = z.infer<typeof LeadModelFile>;
