/** What a retrained model is judged on: its score on the held-out split of its own training run. */
export interface HeldOutScore {
  /** ROC AUC on the held-out rows (higher is better). */
  auc: number;
  /** Brier score on the same rows (lower is better); breaks an AUC tie. */
  brier?: number;
}

export type PromotionDecision =
  | { winner: "candidate"; reason: string }
  | { winner: "current"; reason: string };

/** Differences below this are rounding, not a change in quality. */
const EPSILON = 1e-9;

/**
 * The retrained model is promoted unless it is worse than the model in use on the held-out split: a lower
 * AUC, or the same AUC with a higher Brier score. A model in use that recorded no held-out score (or none)
 * always gives way.
 */
export function decidePromotion(current: HeldOutScore | undefined, candidate: HeldOutScore): PromotionDecision {
  const fmt = (x: number) => x.toFixed(4);
  if (!current || !Number.isFinite(current.auc)) return { winner: "candidate", reason: "no held-out score recorded for the model in use" };
  if (candidate.auc < current.auc - EPSILON) {
    return { winner: "current", reason: `held-out AUC ${fmt(candidate.auc)} < ${fmt(current.auc)} of the model in use` };
  }
  if (candidate.auc <= current.auc + EPSILON && candidate.brier !== undefined && current.brier !== undefined && candidate.brier > current.brier + EPSILON) {
    return { winner: "current", reason: `held-out AUC equal, Brier ${fmt(candidate.brier)} > ${fmt(current.brier)} of the model in use` };
  }
  return { winner: "candidate", reason: `held-out AUC ${fmt(candidate.auc)} ≥ ${fmt(current.auc)} of the model in use` };
}

/**
 * The held-out score a stored model recorded, whatever shape its kind stores: the lead model's hold-out report
 * (`rocAuc`, `brier`), the close model's metrics (`holdout.auc`, `holdout.brier`), or a plain `auc`.
 */
export function recordedScore(metrics: unknown): HeldOutScore | undefined {
  if (typeof metrics !== "object" || metrics === null) return undefined;
  const m = metrics as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const holdout = typeof m.holdout === "object" && m.holdout !== null ? (m.holdout as Record<string, unknown>) : {};
  const auc = num(m.rocAuc) ?? num(m.auc) ?? num(holdout.auc) ?? num(holdout.rocAuc);
  if (auc === undefined) return undefined;
  const brier = num(m.brier) ?? num(holdout.brier);
  return brier === undefined ? { auc } : { auc, brier };
}
