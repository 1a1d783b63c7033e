import fs from "node:fs";
import path from "node:path";
import { seededRandom } from "../src/core/random.js";
import { stratifiedSplit } from "../tools/leads/cross-validation.js";
import { parseCsv, type CsvTable } from "../tools/leads/csv.js";
import { rocAuc } from "../tools/leads/metrics.js";
import { createLeadScorer } from "../tools/leads/scorer.js";
import { trainLeadModel } from "../tools/leads/trainer.js";

/**
 * Next-best-action targeting, offline, on the iFood campaign data (../shared/data/marketing-campaign): a response
 * model trained on our own stratified 70% split picks whom the next campaign targets; on the 30% hold-out we
 * compare the targeted top decile's response rate with the base rate (targeting at random) and with the rule
 * "target earlier acceptors", and report uplift by earlier campaign acceptance and by preferred channel.
 */
export const NBA_FILE = "marketing-campaign/marketing_campaign.train.csv";
export const NBA_SEEDS = [16, 1616, 161616] as const;
const DROP = ["ID", "Z_CostContact", "Z_Revenue"];
const EARLIER = ["AcceptedCmp1", "AcceptedCmp2", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5"];
const CHANNELS = { web: "NumWebPurchases", catalog: "NumCatalogPurchases", store: "NumStorePurchases" } as const;

export interface NbaSplitResult {
  seed: number;
  holdout: number;
  auc: number;
  baseRate: number;
  topDecile: { n: number; rate: number; lift: number };
  random: { mean: number; low: number; high: number };
  earlierAcceptors: { n: number; rate: number; modelTopSameN: number };
  /** Response rate by number of earlier campaigns accepted (0, 1, 2+). */
  byAcceptance: { accepted: string; n: number; rate: number }[];
  byChannel: { channel: string; n: number; rate: number }[];
  modelOnNeverAccepted: { n: number; topDecileRate: number; baseRate: number };
}

export interface NbaReport {
  file: string;
  rows: number;
  splits: NbaSplitResult[];
}

function subTable(table: CsvTable, rows: readonly number[], keep: number[]): CsvTable {
  return { header: keep.map((i) => table.header[i]!), rows: rows.map((r) => keep.map((i) => table.rows[r]![i]!)), separator: table.separator };
}

const rate = (ys: readonly number[]) => (ys.length ? ys.reduce((s, v) => s + v, 0) / ys.length : 0);

function topRate(y: readonly number[], p: readonly number[], n: number): number {
  const order = p.map((_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
  return rate(order.slice(0, n).map((i) => y[i]!));
}

export function runNbaEval(sharedDir: string, seeds: readonly number[] = NBA_SEEDS): NbaReport {
  const file = path.join(sharedDir, NBA_FILE);
  const table = parseCsv(fs.readFileSync(file, "utf8"));
  const col = (name: string) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new Error(`${NBA_FILE} lacks column ${name}`);
    return i;
  };
  const yAll = table.rows.map((r) => (r[col("Response")]!.trim() === "1" ? 1 : 0));
  const keep = table.header.map((_, i) => i).filter((i) => !DROP.includes(table.header[i]!));
  const earlier = table.rows.map((r) => EARLIER.reduce((s, c) => s + Number(r[col(c)]), 0));
  const preferred = table.rows.map((r) => {
    const counts = Object.entries(CHANNELS).map(([k, c]) => [k, Number(r[col(c)])] as const);
    return counts.sort((a, b) => b[1] - a[1])[0]![0];
  });
  const splits = seeds.map((seed): NbaSplitResult => {
    const split = stratifiedSplit(yAll, 0.3, seed);
    const { model } = trainLeadModel(subTable(table, split.train, keep), { target: "Response", seed });
    const score = createLeadScorer(model).forHeader(table.header);
    const p = split.test.map((r) => score(table.rows[r]!).probability);
    const y = split.test.map((r) => yAll[r]!);
    const n = split.test.length;
    const decile = Math.ceil(n / 10);
    const baseRate = rate(y);
    const top = topRate(y, p, decile);
    const random = seededRandom(seed + 7);
    const draws = Array.from({ length: 2000 }, () => {
      const picked = new Set<number>();
      while (picked.size < decile) picked.add(Math.floor(random() * n));
      return rate([...picked].map((i) => y[i]!));
    }).sort((a, b) => a - b);
    const acc = split.test.map((r) => earlier[r]!);
    const acceptors = y.filter((_, i) => acc[i]! > 0);
    const never = y.map((v, i) => ({ v, p: p[i]!, a: acc[i]! })).filter((x) => x.a === 0);
    const byAcceptance = [
      { accepted: "0", f: (a: number) => a === 0 },
      { accepted: "1", f: (a: number) => a === 1 },
      { accepted: "2+", f: (a: number) => a >= 2 },
    ].map(({ accepted, f }) => {
      const ys = y.filter((_, i) => f(acc[i]!));
      return { accepted, n: ys.length, rate: rate(ys) };
    });
    const byChannel = Object.keys(CHANNELS).map((channel) => {
      const ys = y.filter((_, i) => preferred[split.test[i]!] === channel);
      return { channel, n: ys.length, rate: rate(ys) };
    });
    return {
      seed,
      holdout: n,
      auc: rocAuc(Uint8Array.from(y), Float64Array.from(p)),
      baseRate,
      topDecile: { n: decile, rate: top, lift: top / baseRate },
      random: { mean: rate(draws), low: draws[Math.floor(draws.length * 0.025)]!, high: draws[Math.floor(draws.length * 0.975)]! },
      earlierAcceptors: { n: acceptors.length, rate: rate(acceptors), modelTopSameN: topRate(y, p, acceptors.length) },
      byAcceptance,
      byChannel,
      modelOnNeverAccepted: {
        n: never.length,
        topDecileRate: topRate(never.map((x) => x.v), never.map((x) => x.p), Math.ceil(never.length / 10)),
        baseRate: rate(never.map((x) => x.v)),
      },
    };
  });
  return { file: NBA_FILE, rows: table.rows.length, splits };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatNbaReport(r: NbaReport): string {
  const lines = [`NBA targeting on ${r.file} (${r.rows} customers; 70/30 stratified split per seed, response model = the leads trainer)`];
  for (const s of r.splits) {
    lines.push(
      `seed ${s.seed}: hold-out ${s.holdout}, AUC ${s.auc.toFixed(3)}; top decile (${s.topDecile.n}) response ${pct(s.topDecile.rate)} vs base ${pct(s.baseRate)} = lift ${s.topDecile.lift.toFixed(2)}x; random decile ${pct(s.random.mean)} (95% of random draws ${pct(s.random.low)}–${pct(s.random.high)})`,
      `  rule "earlier acceptors" (${s.earlierAcceptors.n}) ${pct(s.earlierAcceptors.rate)} vs model top ${s.earlierAcceptors.n} ${pct(s.earlierAcceptors.modelTopSameN)}; never accepted (${s.modelOnNeverAccepted.n}): model top decile ${pct(s.modelOnNeverAccepted.topDecileRate)} vs ${pct(s.modelOnNeverAccepted.baseRate)}`,
      `  response by earlier acceptances: ${s.byAcceptance.map((a) => `${a.accepted}: ${pct(a.rate)} (${a.n})`).join(", ")}; by preferred channel: ${s.byChannel.map((c) => `${c.channel} ${pct(c.rate)} (${c.n})`).join(", ")}`,
    );
  }
  const lifts = r.splits.map((s) => s.topDecile.lift);
  const aucs = r.splits.map((s) => s.auc);
  lines.push(
    `summary: AUC ${Math.min(...aucs).toFixed(3)}–${Math.max(...aucs).toFixed(3)}, top-decile lift over random targeting ${Math.min(...lifts).toFixed(2)}–${Math.max(...lifts).toFixed(2)}x across ${r.splits.length} seeds`,
  );
  return lines.join("\n");
}
