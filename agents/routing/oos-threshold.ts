/** Out-of-scope handling by a confidence threshold (Larson et al. 2019, "oos-threshold"). */

export const OOS_LABEL = "oos";

export interface Scored {
  expected: string;
  label: string;
  confidence: number;
}

export interface OosMetrics {
  /** In-scope utterances labelled correctly; an "oos" answer counts as wrong. */
  inScopeAccuracy: number;
  oosRecall: number;
  oosPrecision: number;
}

export function decide(scored: Pick<Scored, "label" | "confidence">, threshold: number): string {
  return scored.label === OOS_LABEL || scored.confidence < threshold ? OOS_LABEL : scored.label;
}

export function oosMetrics(scored: readonly Scored[], threshold: number): OosMetrics {
  let inScope = 0;
  let inScopeCorrect = 0;
  let oos = 0;
  let oosFound = 0;
  let oosPredicted = 0;
  for (const s of scored) {
    const predicted = decide(s, threshold);
    if (predicted === OOS_LABEL) oosPredicted++;
    if (s.expected === OOS_LABEL) {
      oos++;
      if (predicted === OOS_LABEL) oosFound++;
    } else {
      inScope++;
      if (predicted === s.expected) inScopeCorrect++;
    }
  }
  return {
    inScopeAccuracy: inScope === 0 ? 0 : inScopeCorrect / inScope,
    oosRecall: oos === 0 ? 0 : oosFound / oos,
    oosPrecision: oosPredicted === 0 ? 0 : oosFound / oosPredicted,
  };
}

/**
 * The rule: the highest threshold (so the most out-of-scope recall) that costs at most `maxDrop` of
 * in-scope accuracy on the dev slice, searched in steps of 0.01 up to 0.95.
 */
export function chooseThreshold(scored: readonly Scored[], maxDrop: number): number {
  const baseline = oosMetrics(scored, 0).inScopeAccuracy;
  let best = 0;
  for (let step = 1; step <= 95; step++) {
    const threshold = step / 100;
    if (oosMetrics(scored, threshold).inScopeAccuracy >= baseline - maxDrop) best = threshold;
  }
  return best;
}

/**
 * The rule routers use: the lowest threshold whose out-of-scope recall on the dev slice reaches `recall`
 * (so the least in-scope accuracy is given up for it); when no threshold up to 0.95 reaches it, the
 * `chooseThreshold` rule with `maxDrop`.
 */
export function thresholdForRecall(scored: readonly Scored[], recall: number, maxDrop: number): number {
  for (let step = 0; step <= 95; step++) {
    const threshold = step / 100;
    if (oosMetrics(scored, threshold).oosRecall >= recall) return threshold;
  }
  return chooseThreshold(scored, maxDrop);
}
