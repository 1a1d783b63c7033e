import {
  DEFAULT_FEATURIZER_OPTIONS,
  TextFeaturizer,
  type FeaturizerOptions,
  type SerializedFeaturizer,
} from "./text-features.js";
import {
  DEFAULT_SOFTMAX_OPTIONS,
  SoftmaxRegression,
  type SerializedSoftmax,
  type SoftmaxOptions,
} from "./softmax-regression.js";

export interface LabeledText {
  text: string;
  label: string;
}

export interface TextClassifierOptions {
  features?: Partial<FeaturizerOptions>;
  model?: Partial<SoftmaxOptions>;
}

export interface RankedLabel {
  label: string;
  probability: number;
}

export interface Prediction {
  label: string;
  confidence: number;
  /** Best first; over the allowed labels only when a restriction was given. */
  ranked: RankedLabel[];
}

export interface SerializedTextClassifier {
  format: "text-classifier/1";
  labels: string[];
  featurizer: SerializedFeaturizer;
  model: SerializedSoftmax;
}

export function resolveClassifierOptions(options: TextClassifierOptions = {}): {
  features: FeaturizerOptions;
  model: SoftmaxOptions;
} {
  return {
    features: { ...DEFAULT_FEATURIZER_OPTIONS, ...options.features },
    model: { ...DEFAULT_SOFTMAX_OPTIONS, ...options.model },
  };
}

/** Keeps the allowed labels, renormalised to sum to 1, best first. */
export function rankLabels(
  labels: readonly string[],
  probabilities: ArrayLike<number>,
  allowed?: readonly string[],
): RankedLabel[] {
  const keep = allowed ? new Set(allowed) : undefined;
  const ranked: RankedLabel[] = [];
  let total = 0;
  labels.forEach((label, k) => {
    if (keep && !keep.has(label)) return;
    ranked.push({ label, probability: probabilities[k]! });
    total += probabilities[k]!;
  });
  if (ranked.length === 0) throw new RangeError("none of the allowed labels is known to the classifier");
  for (const entry of ranked) entry.probability = total > 0 ? entry.probability / total : 1 / ranked.length;
  return ranked.sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
}

export class TextClassifier {
  private constructor(
    readonly labels: readonly string[],
    private readonly featurizer: TextFeaturizer,
    private readonly model: SoftmaxRegression,
  ) {}

  static train(examples: readonly LabeledText[], options: TextClassifierOptions = {}): TextClassifier {
    if (examples.length === 0) throw new RangeError("cannot train a classifier on no examples");
    const resolved = resolveClassifierOptions(options);
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const labelIndex = new Map(labels.map((label, k) => [label, k]));
    const featurizer = TextFeaturizer.fit(
      examples.map((e) => e.text),
      resolved.features,
    );
    const inputs = examples.map((e) => featurizer.transform(e.text));
    const targets = Int32Array.from(examples, (e) => labelIndex.get(e.label)!);
    const model = SoftmaxRegression.train(
      inputs,
      targets,
      { classes: labels.length, features: featurizer.dimension },
      resolved.model,
    );
    return new TextClassifier(labels, featurizer, model);
  }

  /** Probabilities over every label, in the order of `labels`. */
  probabilities(text: string): Float64Array {
    return this.model.predictProba(this.featurizer.transform(text));
  }

  predict(text: string, allowed?: readonly string[]): Prediction {
    const ranked = rankLabels(this.labels, this.probabilities(text), allowed);
    return { label: ranked[0]!.label, confidence: ranked[0]!.probability, ranked };
  }

  toJSON(): SerializedTextClassifier {
    return {
      format: "text-classifier/1",
      labels: [...this.labels],
      featurizer: this.featurizer.toJSON(),
      model: this.model.toJSON(),
    };
  }

  static fromJSON(json: SerializedTextClassifier): TextClassifier {
    if (json.format !== "text-classifier/1") throw new Error("not a serialized text-classifier/1");
    const featurizer = TextFeaturizer.fromJSON(json.featurizer);
    const model = SoftmaxRegression.fromJSON(json.model);
    if (model.classes !== json.labels.length || model.features !== featurizer.dimension) {
      throw new Error("serialized classifier parts do not fit together");
    }
    return new TextClassifier(json.labels, featurizer, model);
  }
}
