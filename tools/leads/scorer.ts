import { BadInputError } from "../../src/core/errors.js";
import { leadScoreOf, nextBestActions, priorityOf, type Priority } from "./actions.js";
import { sigmoid } from "./logistic-regression.js";
import { LeadModelFile } from "./model-file.js";
import { compilePredictor } from "./predictor.js";
import { isMissing } from "./values.js";

/** A signed reason: how far this column's value moved the lead's log-odds from the average lead's. */
export interface Factor {
  column: string;
  value: string;
  effect: number;
}

export interface LeadScore {
  probability: number;
  leadScore: number;
  priority: Priority;
  topFactors: Factor[];
  /** probability × predicted deal size, when a deal size is known. */
  expectedValue?: number;
  nextBestActions: readonly string[];
}

export interface ScoreOptions {
  dealSize?: number;
}

/** Parses a model file once, at the edge; any problem is one line of bad input. */
export function parseLeadModel(json: unknown, source = "model"): LeadModelFile {
  const parsed = LeadModelFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadInputError(`${source} is not a Salesgraph lead model (${issue?.path.join(".") || "root"}: ${issue?.message ?? "invalid"})`);
  }
  return parsed.data;
}

const MAX_VALUE_CHARS = 40;

function shown(cell: string | undefined): string {
  if (isMissing(cell)) return "(missing)";
  const v = cell!.trim();
  return v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS - 1)}…` : v;
}

export function formatFactors(factors: readonly Factor[]): string {
  return factors.map((f) => `${f.column}=${f.value} (${f.effect >= 0 ? "+" : ""}${f.effect.toFixed(2)})`).join("; ");
}

/** Columns with the largest |effect| (at least 0.005), largest first; a partial selection, not a sort. */
export function largestEffects(contributions: Float64Array, n: number): number[] {
  const chosen: number[] = [];
  for (let c = 0; c < contributions.length; c++) {
    const size = Math.abs(contributions[c]!);
    if (size < 0.005) continue;
    let at = chosen.length;
    while (at > 0 && Math.abs(contributions[chosen[at - 1]!]!) < size) at--;
    if (at < n) {
      chosen.splice(at, 0, c);
      if (chosen.length > n) chosen.pop();
    }
  }
  return chosen;
}

export interface LeadScorer {
  model: LeadModelFile;
  /** Columns a file must have to be scored. */
  requiredColumns: string[];
  /** A scorer for rows laid out as `header`; fails naming the first trained column the header lacks. */
  forHeader(header: readonly string[]): (row: readonly string[], options?: ScoreOptions) => LeadScore;
  /** Scores a record keyed by column name (numbers and booleans are read as their text). */
  scoreRecord(record: Readonly<Record<string, unknown>>, options?: ScoreOptions): LeadScore;
}

export function createLeadScorer(model: LeadModelFile, options: { topFactors?: number } = {}): LeadScorer {
  const predictor = compilePredictor(model.columns, model.predictor);
  const names = model.columns.map((c) => c.name);
  const topN = options.topFactors ?? 3;

  const score = (cell: (column: number) => string | undefined, scoreOptions: ScoreOptions = {}): LeadScore => {
    const { bias, contributions } = predictor.explain(cell);
    let margin = bias;
    for (const c of contributions) margin += c;
    const probability = sigmoid(margin);
    const order = largestEffects(contributions, topN);
    const priority = priorityOf(probability, model.bands);
    return {
      probability,
      leadScore: leadScoreOf(probability),
      priority,
      topFactors: order.map((c) => ({ column: names[c]!, value: shown(cell(c)), effect: contributions[c]! })),
      ...(scoreOptions.dealSize !== undefined && Number.isFinite(scoreOptions.dealSize)
        ? { expectedValue: probability * scoreOptions.dealSize }
        : {}),
      nextBestActions: nextBestActions(priority),
    };
  };

  return {
    model,
    requiredColumns: names,
    forHeader(header) {
      const positions = names.map((name) => {
        const at = header.indexOf(name);
        if (at < 0) throw new BadInputError(`the data file lacks column ${name}, which the model was trained on`);
        return at;
      });
      return (row, scoreOptions) => score((c) => row[positions[c]!], scoreOptions);
    },
    scoreRecord(record, scoreOptions) {
      const cells = names.map((name) => {
        const v = record[name];
        return v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
      });
      return score((c) => cells[c], scoreOptions);
    },
  };
}
