import { quantile } from "./encoder.js";

/** Priority bands by share of leads, with what each cut-off is expected to deliver. */

export const CUTOFF_SHARES = [0.05, 0.1, 0.2, 0.3, 0.5] as const;

export interface CutoffRow {
  /** The top share of leads above this cut-off. */
  topShare: number;
  /** Probability cut-off of the final model (the share's quantile of its scores on the training rows). */
  cutoff: number;
  /** Share of converters among hold-out leads above the same share's cut-off of the model before refit. */
  expectedPrecision: number;
  /** Share of all hold-out converters above that cut-off. */
  captured: number;
}

/**
 * The cut-off table. The expectations come from the hold-out rows, scored by the model as selected before
 * the refit on every row (the refit model has seen the hold-out, so it cannot grade itself).
 */
export function cutoffTable(
  finalTrainScores: Float64Array,
  selectedTrainScores: Float64Array,
  holdoutScores: ArrayLike<number>,
  holdoutY: ArrayLike<number>,
  shares: readonly number[] = CUTOFF_SHARES,
): CutoffRow[] {
  const finalSorted = Float64Array.from(finalTrainScores).sort();
  const selectedSorted = Float64Array.from(selectedTrainScores).sort();
  let converters = 0;
  for (let i = 0; i < holdoutY.length; i++) converters += holdoutY[i]!;
  return shares.map((share) => {
    const heldCut = quantile(selectedSorted, 1 - share);
    let above = 0;
    let hits = 0;
    for (let i = 0; i < holdoutScores.length; i++) {
      if (holdoutScores[i]! >= heldCut) {
        above++;
        hits += holdoutY[i]!;
      }
    }
    return {
      topShare: share,
      cutoff: quantile(finalSorted, 1 - share),
      expectedPrecision: above ? hits / above : 0,
      captured: converters ? hits / converters : 0,
    };
  });
}

/**
 * Converters among hold-out leads whose score falls between the top `aboveShare` and the top `toShare` of the
 * selected model's training scores (hot: 0 → 0.1, warm: 0.1 → 0.3, cold: 0.3 → 1).
 */
export function bandPrecision(
  selectedTrainScores: Float64Array,
  holdoutScores: ArrayLike<number>,
  holdoutY: ArrayLike<number>,
  aboveShare: number,
  toShare: number,
): number {
  const sorted = Float64Array.from(selectedTrainScores).sort();
  const upper = aboveShare <= 0 ? Infinity : quantile(sorted, 1 - aboveShare);
  const lower = toShare >= 1 ? -Infinity : quantile(sorted, 1 - toShare);
  let n = 0;
  let hits = 0;
  for (let i = 0; i < holdoutScores.length; i++) {
    const p = holdoutScores[i]!;
    if (p < upper && p >= lower) {
      n++;
      hits += holdoutY[i]!;
    }
  }
  return n ? hits / n : 0;
}
