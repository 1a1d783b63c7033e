import type { ContentMetric, ContentEventType, VariantCounts } from "../../src/core/content.js";
import { seededRandom } from "../../src/core/random.js";
import { holmAdjust, probabilityBest, probabilityToBeat, sampleSizePerArm, twoProportionZTest, wilsonInterval } from "./stats.js";

/**
 * The experiment report. Rates are successes over exposures (delivered when delivery is tracked, else sent)
 * with 95 % Wilson intervals. The decision: every pair of variants gets a two-proportion z-test and the
 * p-values are Holm-adjusted as one family; the leading variant wins only when it beats every other variant
 * at adjusted p < alpha AND every variant has reached the minimum sample. The Bayesian view (probability each
 * variant is best, and that the leader beats each other variant, under Beta(1, 1) priors) is shown beside it
 * with its threshold; `method: "bayes"` makes it the decision instead.
 */
export const ALPHA = 0.05;
export const BAYES_THRESHOLD = 0.95;

const SUCCESS: Record<ContentMetric, ContentEventType> = { open: "opened", click: "clicked", conversion: "converted" };

export interface VariantStats {
  variantId: string;
  label: string;
  angle: string;
  exposures: number;
  successes: number;
  rate: number;
  low: number;
  high: number;
  unsubscribed: number;
  probabilityBest: number;
}

export interface PairTest {
  a: string;
  b: string;
  z: number;
  p: number;
  pAdjusted: number;
  /** P(rate of b > rate of a). */
  probabilityBBeatsA: number;
}

export interface ExperimentReport {
  metric: ContentMetric;
  method: "z-test (Holm)" | "bayes";
  alpha: number;
  bayesThreshold: number;
  minSample: number;
  /** Per-variant sample to detect a 20 % relative lift at the pooled rate with 80 % power. */
  plannedPerVariant: number | null;
  variants: VariantStats[];
  pairs: PairTest[];
  winner: { variantId: string; label: string; reason: string } | null;
  decision: string;
  warnings: string[];
}

export function buildReport(counts: readonly VariantCounts[], options: { metric: ContentMetric; minSample: number; method?: "z" | "bayes"; seed?: number }): ExperimentReport {
  const success = SUCCESS[options.metric];
  const arms = counts.map((c) => {
    const exposures = c.counts.delivered > 0 ? c.counts.delivered : c.counts.sent;
    return { c, exposures, successes: Math.min(c.counts[success], exposures) };
  });
  const best = probabilityBest(arms.map((a) => ({ successes: a.successes, trials: a.exposures })), seededRandom(options.seed ?? 7));
  const variants: VariantStats[] = arms.map((a, i) => {
    const ci = wilsonInterval(a.successes, a.exposures);
    const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
    return {
      variantId: a.c.variantId,
      label: a.c.label,
      angle: a.c.angle,
      exposures: a.exposures,
      successes: a.successes,
      rate: a.exposures ? r4(a.successes / a.exposures) : 0,
      low: r4(ci.low),
      high: r4(ci.high),
      unsubscribed: a.c.counts.unsubscribed,
      probabilityBest: r4(best[i]!),
    };
  });
  const raw: Omit<PairTest, "pAdjusted">[] = [];
  for (let i = 0; i < arms.length; i++) {
    for (let j = i + 1; j < arms.length; j++) {
      const A = arms[i]!;
      const B = arms[j]!;
      const t = twoProportionZTest(A.successes, A.exposures, B.successes, B.exposures);
      const pb = probabilityToBeat(1 + A.successes, 1 + A.exposures - A.successes, 1 + B.successes, 1 + B.exposures - B.successes);
      raw.push({ a: A.c.label, b: B.c.label, z: Math.round(t.z * 1000) / 1000, p: t.p, probabilityBBeatsA: Math.round(pb * 10_000) / 10_000 });
    }
  }
  const adjusted = holmAdjust(raw.map((r) => r.p));
  const pairs = raw.map((r, i) => ({ ...r, p: Math.round(r.p * 1e6) / 1e6, pAdjusted: Math.round(adjusted[i]! * 1e6) / 1e6 }));

  const method = options.method === "bayes" ? "bayes" : "z-test (Holm)";
  const leader = [...variants].sort((a, b) => b.rate - a.rate || b.exposures - a.exposures)[0];
  const smallest = Math.min(...variants.map((v) => v.exposures));
  const pooled = variants.reduce((s, v) => s + v.successes, 0) / Math.max(1, variants.reduce((s, v) => s + v.exposures, 0));
  const plannedPerVariant = pooled > 0 && pooled < 1 ? sampleSizePerArm(pooled, 0.2) : null;
  const warnings: string[] = [];
  let winner: ExperimentReport["winner"] = null;
  let decision: string;

  const leaderPairs = leader ? pairs.filter((p) => p.a === leader.label || p.b === leader.label) : [];
  const beatsAll =
    leader !== undefined &&
    leaderPairs.length > 0 &&
    leaderPairs.every((p) => {
      const leaderIsB = p.b === leader.label;
      const leaderAhead = leaderIsB ? p.z > 0 : p.z < 0;
      if (method === "bayes") return (leaderIsB ? p.probabilityBBeatsA : 1 - p.probabilityBBeatsA) >= BAYES_THRESHOLD;
      return leaderAhead && p.pAdjusted < ALPHA;
    });
  if (!leader || variants.length < 2) decision = "not enough variants to compare";
  else if (smallest < options.minSample) {
    decision = `no winner yet: every variant needs at least ${options.minSample} exposures (smallest has ${smallest})`;
    if (beatsAll) warnings.push(`early peek: ${leader.label} looks ahead, but stopping before the minimum sample inflates false positives; keep sending`);
  } else if (!beatsAll) {
    decision = method === "bayes"
      ? `no winner: no variant beats every other with probability ≥ ${BAYES_THRESHOLD}`
      : `no winner: the difference is not significant after Holm correction (alpha ${ALPHA})`;
  } else {
    const reason = method === "bayes"
      ? `beats every other variant with probability ≥ ${BAYES_THRESHOLD}`
      : `beats every other variant at Holm-adjusted p < ${ALPHA}`;
    winner = { variantId: leader.variantId, label: leader.label, reason };
    decision = `winner: ${leader.label} (${leader.angle}) — ${reason}`;
  }
  if (plannedPerVariant !== null && smallest < plannedPerVariant) {
    warnings.push(`peeking: results are read before the planned ${plannedPerVariant} exposures per variant (to detect a 20% lift at 80% power); each look raises the chance of a false winner, so decide only at the planned sample`);
  }
  return { metric: options.metric, method, alpha: ALPHA, bayesThreshold: BAYES_THRESHOLD, minSample: options.minSample, plannedPerVariant, variants, pairs, winner, decision, warnings };
}

export function formatReport(id: string, r: ExperimentReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [`Experiment ${id} — ${r.metric} rate, decision by ${r.method}${r.method === "bayes" ? ` (threshold ${r.bayesThreshold})` : ` (alpha ${r.alpha})`}, minimum ${r.minSample} per variant`];
  for (const v of r.variants) {
    lines.push(`  ${v.label} (${v.angle}): ${v.successes}/${v.exposures} = ${pct(v.rate)} [95% CI ${pct(v.low)}–${pct(v.high)}], P(best) ${pct(v.probabilityBest)}${v.unsubscribed ? `, ${v.unsubscribed} unsubscribed` : ""}`);
  }
  for (const p of r.pairs) lines.push(`  ${p.b} vs ${p.a}: z ${p.z.toFixed(2)}, p ${p.p.toFixed(4)}, Holm-adjusted ${p.pAdjusted.toFixed(4)}, P(${p.b} > ${p.a}) ${pct(p.probabilityBBeatsA)}`);
  lines.push(r.decision.charAt(0).toUpperCase() + r.decision.slice(1));
  for (const w of r.warnings) lines.push(`Warning — ${w}`);
  return lines.join("\n");
}
