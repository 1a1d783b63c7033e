import { seededRandom } from "../../src/core/random.js";
import type { SparseVector } from "./text-features.js";

/** Multinomial logistic regression over sparse inputs, L2-regularised, trained by per-example AdaGrad. */

export interface SoftmaxOptions {
  epochs: number;
  /** AdaGrad base step. */
  learningRate: number;
  /** L2 penalty per example, applied lazily to the rows an example touches. */
  l2: number;
  /** Seed of the example shuffle; same data + options + seed → same weights. */
  seed: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = {
  epochs: 10,
  learningRate: 0.2,
  l2: 1e-5,
  seed: 20261124,
};

export interface SerializedSoftmax {
  format: "softmax/1";
  classes: number;
  features: number;
  /** Little-endian float32, feature-major (row = feature, column = class), base64. */
  weights: string;
  bias: number[];
}

export function shuffleInPlace<T>(items: T[] | Int32Array, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
}

/** Numerically stable softmax, in place. */
export function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) if (z[k]! > max) max = z[k]!;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k]! - max);
    sum += z[k]!;
  }
  for (let k = 0; k < z.length; k++) z[k] = z[k]! / sum;
}

function scoresInto(z: Float64Array, x: SparseVector, weights: Float32Array, bias: Float64Array): void {
  const classes = z.length;
  z.set(bias);
  for (let n = 0; n < x.indices.length; n++) {
    const row = x.indices[n]! * classes;
    const value = x.values[n]!;
    for (let k = 0; k < classes; k++) z[k] = z[k]! + value * weights[row + k]!;
  }
}

export class SoftmaxRegression {
  private constructor(
    readonly classes: number,
    readonly features: number,
    private readonly weights: Float32Array,
    private readonly bias: Float64Array,
  ) {}

  static train(
    inputs: readonly SparseVector[],
    targets: ArrayLike<number>,
    shape: { classes: number; features: number },
    options: Partial<SoftmaxOptions> = {},
  ): SoftmaxRegression {
    const { epochs, learningRate, l2, seed } = { ...DEFAULT_SOFTMAX_OPTIONS, ...options };
    const { classes, features } = shape;
    if (inputs.length !== targets.length) throw new Error("inputs and targets differ in length");
    const weights = new Float32Array(features * classes);
    const bias = new Float64Array(classes);
    const squaredWeights = new Float32Array(features * classes);
    const squaredBias = new Float64Array(classes);
    const z = new Float64Array(classes);
    const order = Int32Array.from(inputs, (_, i) => i);
    const random = seededRandom(seed);
    const epsilon = 1e-8;

    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffleInPlace(order, random);
      for (const i of order) {
        const x = inputs[i]!;
        scoresInto(z, x, weights, bias);
        softmaxInPlace(z);
        z[targets[i]!] = z[targets[i]!]! - 1;
        for (let n = 0; n < x.indices.length; n++) {
          const row = x.indices[n]! * classes;
          const value = x.values[n]!;
          for (let k = 0; k < classes; k++) {
            const w = weights[row + k]!;
            const gradient = value * z[k]! + l2 * w;
            const accumulated = squaredWeights[row + k]! + gradient * gradient;
            squaredWeights[row + k] = accumulated;
            weights[row + k] = w - (learningRate * gradient) / (Math.sqrt(accumulated) + epsilon);
          }
        }
        for (let k = 0; k < classes; k++) {
          const gradient = z[k]!;
          squaredBias[k] = squaredBias[k]! + gradient * gradient;
          bias[k] = bias[k]! - (learningRate * gradient) / (Math.sqrt(squaredBias[k]!) + epsilon);
        }
      }
    }
    return new SoftmaxRegression(classes, features, weights, bias);
  }

  /** Class probabilities, summing to 1. */
  predictProba(x: SparseVector): Float64Array {
    const z = new Float64Array(this.classes);
    scoresInto(z, x, this.weights, this.bias);
    softmaxInPlace(z);
    return z;
  }

  toJSON(): SerializedSoftmax {
    return {
      format: "softmax/1",
      classes: this.classes,
      features: this.features,
      weights: encodeFloat32(this.weights),
      bias: Array.from(this.bias),
    };
  }

  static fromJSON(json: SerializedSoftmax): SoftmaxRegression {
    const weights = decodeFloat32(json.weights);
    if (json.format !== "softmax/1" || weights.length !== json.classes * json.features) {
      throw new Error("not a serialized softmax/1 model");
    }
    return new SoftmaxRegression(json.classes, json.features, weights, Float64Array.from(json.bias));
  }
}

export function encodeFloat32(values: Float32Array): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return Buffer.from(view.buffer).toString("base64");
}

export function decodeFloat32(base64: string): Float32Array {
  const bytes = Buffer.from(base64, "base64");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}
