import { readFile } from "node:fs/promises";
import path from "node:path";
import { stratifiedSplit } from "../agents/routing/stratified-split.js";
import { trainRouterFile, type TrainedRouterFile } from "../agents/routing/trained-router.js";
import type { LabeledText } from "../agents/routing/text-classifier.js";
import { parseCsv } from "../tools/leads/csv.js";
import { percent } from "./evaluators/classification-metrics.js";

export const BANKING77_FILE = "banking77.train.csv";
export const BANKING77_TARGET_ACCURACY = 0.92;
/** The shared folder holds only BANKING77's training split: a stratified 20% of it is the validation set. */
export const BANKING77_VALID_FRACTION = 0.2;
const SEED = 20261124;

export interface Banking77Report {
  dataset: string;
  trainLines: number;
  validLines: number;
  labels: number;
  accuracy: number;
  trainingSeconds: number;
}

export async function loadBanking77(dataDir: string): Promise<LabeledText[]> {
  const file = path.join(dataDir, BANKING77_FILE);
  const source = await readFile(file, "utf8").catch(() => {
    throw new Error(`BANKING77 data not found at ${file} (the shared data folder is absent)`);
  });
  const table = parseCsv(source, { separator: "," });
  const text = table.header.indexOf("text");
  const category = table.header.indexOf("category");
  if (text < 0 || category < 0) throw new Error(`${file}: expected columns text,category`);
  return table.rows.map((row) => ({ text: row[text]!, label: row[category]! }));
}

/** Trains the same router `salesgraph route train` trains, on 80% of the shared training split; scores the rest. */
export async function runBanking77Eval(dataDir: string): Promise<Banking77Report> {
  const lines = await loadBanking77(dataDir);
  const [train, valid] = stratifiedSplit(lines, (l) => l.label, BANKING77_VALID_FRACTION, SEED);
  const model: TrainedRouterFile = trainRouterFile(train, { valid });
  return {
    dataset: path.join(dataDir, BANKING77_FILE),
    trainLines: train.length,
    validLines: valid.length,
    labels: model.labels.length,
    accuracy: model.validation!.accuracy,
    trainingSeconds: model.trainingSeconds,
  };
}

export function formatBanking77Report(report: Banking77Report): string {
  return [
    `BANKING77: trained on ${report.trainLines} lines (${report.labels} intents), validated on a stratified ${percent(BANKING77_VALID_FRACTION, 0)} of the shared training split (${report.validLines} lines)`,
    `accuracy ${percent(report.accuracy)} vs goal ${percent(BANKING77_TARGET_ACCURACY, 0)}: ${report.accuracy >= BANKING77_TARGET_ACCURACY ? "reached" : "not reached"} (training ${report.trainingSeconds.toFixed(1)} s)`,
    "published (official test split): DistilRoBERTa fine-tuned 89.6 (mrm8488 model card); RNN+CNN GloVe 87.95, fastText 88.28 (ianuragbhatt/clinc_oos);",
    "  Casanueva et al. 2020 about 93 for their best encoders on full data",
  ].join("\n");
}
