import type { ClvModelFile, ClvPrediction } from "./model.js";
import { PUBLISHED_CDNOW } from "./model.js";
import { csvLine } from "../leads/csv.js";

const f3 = (n: number) => n.toFixed(3);

/** The fitted parameters, one line per model; with `compare`, beside the published CDNOW ones. */
export function formatFitReport(model: ClvModelFile, options: { compare?: boolean } = {}): string {
  const bg = model.bgNbd;
  const lines = [
    `CLV model: ${model.customers} customers (${model.repeatCustomers} repeat) to ${model.calibrationEnd}`,
    `BG/NBD      r ${f3(bg.r)}  alpha ${f3(bg.alpha)}  a ${f3(bg.a)}  b ${f3(bg.b)}  log-likelihood ${bg.logLikelihood.toFixed(2)}`,
  ];
  const gg = model.gammaGamma;
  lines.push(gg ? `Gamma-Gamma p ${f3(gg.p)}  q ${f3(gg.q)}  gamma ${f3(gg.gamma)}  log-likelihood ${gg.logLikelihood.toFixed(2)} (${gg.customers} repeat buyers)` : "Gamma-Gamma not fitted (no finite mean spend): expected_value is 0");
  if (options.compare) {
    const p = PUBLISHED_CDNOW;
    const rel = (a: number, b: number) => `${a >= b ? "+" : ""}${(((a - b) / b) * 100).toFixed(1)}%`;
    lines.push(
      `published CDNOW BG/NBD r ${p.bgNbd.r} (${rel(bg.r, p.bgNbd.r)})  alpha ${p.bgNbd.alpha} (${rel(bg.alpha, p.bgNbd.alpha)})  a ${p.bgNbd.a} (${rel(bg.a, p.bgNbd.a)})  b ${p.bgNbd.b} (${rel(bg.b, p.bgNbd.b)})`,
    );
    if (gg) lines.push(`published CDNOW Gamma-Gamma p ${p.gammaGamma.p} (${rel(gg.p, p.gammaGamma.p)})  q ${p.gammaGamma.q} (${rel(gg.q, p.gammaGamma.q)})  gamma ${p.gammaGamma.gamma} (${rel(gg.gamma, p.gammaGamma.gamma)})`);
  }
  return lines.join("\n");
}

export function predictionsToCsv(predictions: readonly ClvPrediction[]): string {
  const rows = predictions.map((p) => csvLine([p.customerId, p.expectedPurchases.toFixed(4), p.pAlive.toFixed(4), p.expectedValue.toFixed(2)]));
  return [csvLine(["customer_id", "expected_purchases", "p_alive", "expected_value"]), ...rows].join("\n") + "\n";
}

export function summarisePredictions(predictions: readonly ClvPrediction[], horizonWeeks: number): string {
  const sum = (k: keyof Omit<ClvPrediction, "customerId">) => predictions.reduce((s, p) => s + p[k], 0);
  const n = predictions.length || 1;
  return `${predictions.length} customers over ${horizonWeeks.toFixed(1)} weeks: ${sum("expectedPurchases").toFixed(1)} repeat purchases expected (${(sum("expectedPurchases") / n).toFixed(3)} each), mean P(alive) ${(sum("pAlive") / n).toFixed(3)}, expected value ${sum("expectedValue").toFixed(2)}`;
}
