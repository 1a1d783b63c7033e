import { createHash } from "node:crypto";
import { INTENT_EXAMPLES } from "./examples.js";
import {
  TextClassifier,
  resolveClassifierOptions,
  type LabeledText,
  type SerializedTextClassifier,
  type TextClassifierOptions,
} from "./text-classifier.js";

export const ROUTER_MODEL_KIND = "intent-router";

/** Where trained artefacts live (the Postgres `models` table in production). */
export interface ModelStore {
  get(kind: string): Promise<{ artefact: unknown; metrics?: unknown } | undefined>;
  put(kind: string, artefact: unknown, metrics: unknown): Promise<void>;
}

export interface RouterModelArtefact {
  /** Hash of the training examples and the resolved options: a stored model is reused only if it matches. */
  hash: string;
  classifier: SerializedTextClassifier;
}

export interface RouterModelMetrics {
  examples: number;
  labels: number;
  /** Accuracy on the training examples themselves (a sanity check, not a generalisation estimate). */
  trainingAccuracy: number;
  trainingMs: number;
}

export interface TrainedRouterModel {
  classifier: TextClassifier;
  hash: string;
  metrics: RouterModelMetrics;
}

export interface RouterModelOptions {
  examples?: readonly LabeledText[];
  classifier?: TextClassifierOptions;
  kind?: string;
}

/** Bump when the featurizer or trainer changes behaviour without an option changing. */
const TRAINER_VERSION = "router/1";

export function routerModelHash(examples: readonly LabeledText[], options: TextClassifierOptions = {}): string {
  const payload = JSON.stringify({
    version: TRAINER_VERSION,
    options: resolveClassifierOptions(options),
    examples: examples.map((e) => [e.text, e.label]),
  });
  return createHash("sha256").update(payload).digest("hex");
}

/** Trains the router's classifier on the project's examples (or the given ones). */
export function trainRouterModel(options: RouterModelOptions = {}): TextClassifier {
  return trainRouterModelWithMetrics(options).classifier;
}

export function trainRouterModelWithMetrics(options: RouterModelOptions = {}): TrainedRouterModel {
  const examples = options.examples ?? INTENT_EXAMPLES;
  const started = performance.now();
  const classifier = TextClassifier.train(examples, options.classifier);
  const trainingMs = Math.round(performance.now() - started);
  const correct = examples.filter((e) => classifier.predict(e.text).label === e.label).length;
  return {
    classifier,
    hash: routerModelHash(examples, options.classifier),
    metrics: {
      examples: examples.length,
      labels: classifier.labels.length,
      trainingAccuracy: correct / examples.length,
      trainingMs,
    },
  };
}

function isRouterArtefact(value: unknown): value is RouterModelArtefact {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<RouterModelArtefact>;
  return typeof candidate.hash === "string" && typeof candidate.classifier === "object";
}

/** Reloads the stored model when it was trained on exactly these examples and options; else trains and stores. */
export async function loadOrTrainRouterModel(
  store: ModelStore,
  options: RouterModelOptions = {},
): Promise<TextClassifier> {
  const kind = options.kind ?? ROUTER_MODEL_KIND;
  const hash = routerModelHash(options.examples ?? INTENT_EXAMPLES, options.classifier);
  const stored = await store.get(kind);
  if (stored && isRouterArtefact(stored.artefact) && stored.artefact.hash === hash) {
    try {
      return TextClassifier.fromJSON(stored.artefact.classifier);
    } catch {
      // A damaged artefact is replaced by a fresh one below.
    }
  }
  const model = trainRouterModelWithMetrics(options);
  const artefact: RouterModelArtefact = { hash: model.hash, classifier: model.classifier.toJSON() };
  await store.put(kind, artefact, model.metrics);
  return model.classifier;
}
