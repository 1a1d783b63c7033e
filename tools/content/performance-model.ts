import { Matrix, inverse } from "ml-matrix";
import type { ContentChannel, ContentMetric, Prediction, VariantOutcome } from "../../src/core/content.js";
import { featuresOf } from "./features.js";
import { segmentLift, type ContentPrior } from "./prior.js";

/**
 * Predicted open, click and conversion rates: a Bayesian logistic regression per channel and metric on the
 * variant's features, with the segment's lift as an offset. The prior (ContentPrior) is the starting point;
 * recorded outcomes (binomial counts per variant) update it by Newton's method to the posterior mode, and the
 * Laplace approximation gives the covariance, so every prediction carries a 95 % interval that narrows as
 * outcomes come in. With no outcomes the posterior is the prior, labelled as such.
 */
export const MIN_TRAINED_TRIALS = 500;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

export interface FittedMetric {
  weights: number[];
  covariance: number[][];
  trials: number;
}

interface Row {
  x: number[];
  offset: number;
  trials: number;
  successes: number;
}

function successesOf(metric: ContentMetric, o: VariantOutcome): { trials: number; successes: number } {
  const trials = Math.max(o.counts.delivered, o.counts.sent);
  const k = metric === "open" ? o.counts.opened : metric === "click" ? o.counts.clicked : o.counts.converted;
  return { trials, successes: Math.min(k, trials) };
}

/** Posterior mode and covariance given the prior and the rows (offset = intercept prior's segment part). */
export function fitMetric(prior: ContentPrior, channel: ContentChannel, metric: ContentMetric, outcomes: readonly VariantOutcome[]): FittedMetric {
  const base = prior.baseRates[channel][metric];
  const mean = [logit(Math.min(0.999, Math.max(0.0005, base))), ...prior.featureEffects[metric]];
  const precision = [1 / prior.interceptSd ** 2, ...prior.featureEffects[metric].map(() => 1 / prior.featureSd ** 2)];
  const rows: Row[] = outcomes
    .map((o) => ({ o, ...successesOf(metric, o) }))
    .filter((r) => r.trials > 0)
    .map((r) => ({ x: [1, ...featuresOf(channel, metric, r.o)], offset: segmentLift(prior, r.o.segment), trials: r.trials, successes: r.successes }));
  const d = mean.length;
  let w = [...mean];
  let H = Matrix.diag(precision);
  for (let iter = 0; iter < 25; iter++) {
    const grad = w.map((wi, j) => -(wi - mean[j]!) * precision[j]!);
    H = Matrix.diag(precision);
    for (const r of rows) {
      const p = sigmoid(r.offset + r.x.reduce((s, xj, j) => s + xj * w[j]!, 0));
      for (let a = 0; a < d; a++) {
        grad[a]! += (r.successes - r.trials * p) * r.x[a]!;
        for (let b = 0; b < d; b++) H.set(a, b, H.get(a, b) + r.trials * p * (1 - p) * r.x[a]! * r.x[b]!);
      }
    }
    const step = inverse(H).mmul(Matrix.columnVector(grad)).to1DArray();
    w = w.map((wi, j) => wi + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { weights: w, covariance: inverse(H).to2DArray(), trials: rows.reduce((s, r) => s + r.trials, 0) };
}

export function predictWith(
  fit: FittedMetric,
  prior: ContentPrior,
  channel: ContentChannel,
  metric: ContentMetric,
  segment: string,
  v: { text: string; subject?: string },
): Prediction {
  const x = [1, ...featuresOf(channel, metric, v)];
  const m = segmentLift(prior, segment) + x.reduce((s, xj, j) => s + xj * fit.weights[j]!, 0);
  const variance = x.reduce((s, xa, a) => s + xa * x.reduce((t, xb, b) => t + fit.covariance[a]![b]! * xb, 0), 0);
  const sd = Math.sqrt(Math.max(0, variance));
  const round = (p: number) => Math.round(p * 10_000) / 10_000;
  return {
    metric,
    value: round(sigmoid(m)),
    low: round(sigmoid(m - 1.96 * sd)),
    high: round(sigmoid(m + 1.96 * sd)),
    basis: fit.trials >= MIN_TRAINED_TRIALS ? "trained" : prior.basis,
  };
}

/** The metric an experiment on this channel is judged by. */
export function primaryMetric(channel: ContentChannel): ContentMetric {
  return channel === "subject" || channel === "email" || channel === "follow_up" ? "open" : "click";
}

/** Which metrics are worth predicting on a channel (no opens for ads, which are seen by definition). */
export function metricsFor(channel: ContentChannel): ContentMetric[] {
  return channel === "ad" ? ["click", "conversion"] : channel === "sms" ? ["click", "conversion"] : ["open", "click", "conversion"];
}
