import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { chooseThreshold, decide, OOS_LABEL, oosMetrics, thresholdForRecall, type OosMetrics, type Scored } from "../agents/routing/oos-threshold.js";
import { stratifiedSplit } from "../agents/routing/stratified-split.js";
import { DEFAULT_MAX_IN_SCOPE_DROP, DEFAULT_OOS_RECALL_TARGET } from "../agents/routing/trained-router.js";
import { TextClassifier, type LabeledText, type TextClassifierOptions } from "../agents/routing/text-classifier.js";
import { percent, textTable } from "./evaluators/classification-metrics.js";

export const CLINC150_FILE = "clinc150.trainval.json";
export { chooseThreshold, decide, OOS_LABEL, oosMetrics, stratifiedSplit };
export const CLINC150_TARGET_IN_SCOPE_ACCURACY = 0.94;
export const CLINC150_TARGET_OOS_RECALL = 0.5;
/** Fewer epochs than the router default: 15k examples give the optimiser plenty of steps per epoch. */
export const CLINC150_CLASSIFIER_OPTIONS: TextClassifierOptions = { model: { epochs: 8 } };

const Pairs = z.array(z.tuple([z.string(), z.string()]));
const Clinc150 = z.object({ train: Pairs, val: Pairs, oos_train: Pairs, oos_val: Pairs });
type Clinc150Data = z.infer<typeof Clinc150>;

export interface Clinc150Report {
  dataset: string;
  trainingExamples: number;
  valInScope: number;
  valOutOfScope: number;
  /** "oos" is one more trained class (Larson et al.'s oos-train setting); no threshold. */
  oosClass: OosMetrics;
  /** As oosClass, and an in-scope answer below `threshold` confidence also becomes "oos". */
  thresholded: OosMetrics & { threshold: number };
  /** Answers forced to one of the 150 in-scope intents. */
  closedSetAccuracy: number;
  /** Threshold choice (agents/routing/oos-threshold.ts thresholdForRecall): the lowest reaching 50% oos recall on a slice of train. */
  tuning: { devInScope: number; devOutOfScope: number; inScopeAccuracy: number; oosRecall: number };
  trainingSeconds: number;
  tuningSeconds: number;
  predictMeanMs: number;
  predictP95Ms: number;
  target: number;
}

const toExamples = (pairs: readonly [string, string][]): LabeledText[] =>
  pairs.map(([text, label]) => ({ text, label }));

function score(classifier: TextClassifier, cases: readonly LabeledText[]): Scored[] {
  return cases.map((c) => {
    const prediction = classifier.predict(c.text);
    return { expected: c.label, label: prediction.label, confidence: prediction.confidence };
  });
}

export async function loadClinc150(dataDir: string): Promise<Clinc150Data> {
  const file = path.join(dataDir, CLINC150_FILE);
  const source = await readFile(file, "utf8").catch(() => {
    throw new Error(`CLINC150 data not found at ${file} (the shared data folder is absent)`);
  });
  const parsed = Clinc150.safeParse(JSON.parse(source));
  if (!parsed.success) throw new Error(`${file}: expected {train, val, oos_train, oos_val} of [text, intent] pairs`);
  return parsed.data;
}

export async function runClinc150Eval(
  dataDir: string,
  options: { classifier?: TextClassifierOptions; maxInScopeDrop?: number; seed?: number } = {},
): Promise<Clinc150Report> {
  const data = await loadClinc150(dataDir);
  const classifierOptions = options.classifier ?? CLINC150_CLASSIFIER_OPTIONS;
  const seed = options.seed ?? 20261124;
  const train = toExamples(data.train);
  const oosTrain = toExamples(data.oos_train);

  // Threshold tuning sees train only: 90% of it (plus half of oos_train) to fit, the rest to choose.
  const tuningStarted = performance.now();
  const [fitInScope, devInScope] = stratifiedSplit(train, (e) => e.label, 0.1, seed);
  const [fitOos, devOos] = stratifiedSplit(oosTrain, (e) => e.label, 0.5, seed);
  const tuningModel = TextClassifier.train([...fitInScope, ...fitOos], classifierOptions);
  const devScored = score(tuningModel, [...devInScope, ...devOos]);
  const threshold = thresholdForRecall(devScored, DEFAULT_OOS_RECALL_TARGET, options.maxInScopeDrop ?? DEFAULT_MAX_IN_SCOPE_DROP);
  const devMetrics = oosMetrics(devScored, threshold);
  const tuningSeconds = (performance.now() - tuningStarted) / 1000;

  const trainingStarted = performance.now();
  const classifier = TextClassifier.train([...train, ...oosTrain], classifierOptions);
  const trainingSeconds = (performance.now() - trainingStarted) / 1000;

  const valCases = [...toExamples(data.val), ...toExamples(data.oos_val)];
  const latencies: number[] = [];
  const valScored: Scored[] = valCases.map((c) => {
    const started = performance.now();
    const prediction = classifier.predict(c.text);
    latencies.push(performance.now() - started);
    return { expected: c.label, label: prediction.label, confidence: prediction.confidence };
  });
  const inScopeLabels = classifier.labels.filter((label) => label !== OOS_LABEL);
  const closedCorrect = data.val.filter(([text, label]) => classifier.predict(text, inScopeLabels).label === label);
  latencies.sort((a, b) => a - b);

  return {
    dataset: path.join(dataDir, CLINC150_FILE),
    trainingExamples: train.length + oosTrain.length,
    valInScope: data.val.length,
    valOutOfScope: data.oos_val.length,
    oosClass: oosMetrics(valScored, 0),
    thresholded: { ...oosMetrics(valScored, threshold), threshold },
    closedSetAccuracy: closedCorrect.length / data.val.length,
    tuning: {
      devInScope: devInScope.length,
      devOutOfScope: devOos.length,
      inScopeAccuracy: devMetrics.inScopeAccuracy,
      oosRecall: devMetrics.oosRecall,
    },
    trainingSeconds,
    tuningSeconds,
    predictMeanMs: latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length,
    predictP95Ms: latencies[Math.floor(latencies.length * 0.95)] ?? 0,
    target: CLINC150_TARGET_IN_SCOPE_ACCURACY,
  };
}

/** ../shared/data/README.md, "Published results": Larson et al. 2019, Table 2, "Full" (their test split; ours is val). */
export const CLINC150_PUBLISHED = [
  "published (Larson et al. 2019, Table 2, Full, on their test split):",
  "  oos-train     in-scope / oos recall: SVM 91.0 / 14.5, FastText 89.0 / 9.7, Rasa 91.5 / 45.3, MLP 93.5 / 47.4, BERT 96.9 / 40.3",
  "  oos-threshold in-scope / oos recall: MLP 93.4 / 49.1, BERT 96.2 / 52.3",
].join("\n");

export function formatClinc150Report(report: Clinc150Report): string {
  const verdict = (accuracy: number): string => (accuracy >= report.target ? "PASS" : "below target");
  const { oosClass, thresholded } = report;
  return [
    `CLINC150: trained on train + oos_train (${report.trainingExamples}), evaluated on val (${report.valInScope} in-scope, ${report.valOutOfScope} oos)`,
    textTable(
      ["", "oos as a class", `+ threshold ${thresholded.threshold.toFixed(2)}`],
      [
        ["in-scope accuracy", percent(oosClass.inScopeAccuracy), percent(thresholded.inScopeAccuracy)],
        [`  vs target ${percent(report.target, 0)}`, verdict(oosClass.inScopeAccuracy), verdict(thresholded.inScopeAccuracy)],
        ["oos recall", percent(oosClass.oosRecall), percent(thresholded.oosRecall)],
        ["oos precision", percent(oosClass.oosPrecision), percent(thresholded.oosPrecision)],
      ],
    ),
    `closed-set accuracy (150 intents only): ${percent(report.closedSetAccuracy)}`,
    `threshold chosen on a train slice (${report.tuning.devInScope} in-scope + ${report.tuning.devOutOfScope} oos): ` +
      `in-scope ${percent(report.tuning.inScopeAccuracy)}, oos recall ${percent(report.tuning.oosRecall)}`,
    `training ${report.trainingSeconds.toFixed(1)} s (+ ${report.tuningSeconds.toFixed(1)} s threshold tuning); ` +
      `predict ${report.predictMeanMs.toFixed(3)} ms mean, ${report.predictP95Ms.toFixed(3)} ms p95`,
    `goal in-scope >= ${percent(report.target, 0)} with oos recall >= ${percent(CLINC150_TARGET_OOS_RECALL, 0)} (thresholded): ` +
      (thresholded.inScopeAccuracy >= report.target && thresholded.oosRecall >= CLINC150_TARGET_OOS_RECALL ? "reached" : "not reached"),
    CLINC150_PUBLISHED,
  ].join("\n");
}
