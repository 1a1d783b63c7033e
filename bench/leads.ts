import fs from "node:fs";
import path from "node:path";
import { csvLine, parseCsv, type CsvTable } from "../tools/leads/csv.js";
import { formatFactors, createLeadScorer } from "../tools/leads/scorer.js";
import { SYNTHETIC_HEADER, syntheticLeadRows } from "../tools/leads/synthetic.js";
import { trainLeadModel } from "../tools/leads/trainer.js";
import { fmt, summarize } from "./stats.js";

/**
 * Lead scoring speed: training on the 33k-row bank file (targets: < 5 s), batch scoring (≥ 100k rows/s)
 * and one lead (< 1 ms). Synthetic rows of the same size stand in when ../shared/data is absent.
 */
export async function benchLeads(): Promise<string> {
  const bankFile = path.resolve(process.cwd(), "../shared/data/bank-marketing/bank.train.csv");
  const real = fs.existsSync(bankFile);
  const text = real
    ? fs.readFileSync(bankFile, "utf8")
    : [csvLine(SYNTHETIC_HEADER), ...syntheticLeadRows(33_000).map((r) => csvLine(r))].join("\n");
  const target = real ? "y" : "converted";
  const lines: string[] = [`data: ${real ? bankFile : "synthetic (../shared/data absent)"}`];

  const t0 = performance.now();
  const table = parseCsv(text);
  const parsedMs = performance.now() - t0;
  const { model, trainingMs } = trainLeadModel(table, { target });
  const totalMs = performance.now() - t0;
  lines.push(
    `train: ${table.rows.length} rows, ${model.predictor.type} chosen, parse ${fmt(parsedMs, 0)} ms + train ${fmt(trainingMs, 0)} ms = ${fmt(totalMs / 1000, 2)} s (target < 5 s); hold-out ROC-AUC ${fmt(model.metrics.holdout.rocAuc, 3)}`,
  );

  const scorer = createLeadScorer(model);
  const score = scorer.forHeader(table.header);
  const repeats = Math.max(1, Math.ceil(200_000 / table.rows.length));
  for (const row of table.rows.slice(0, 2000)) score(row); // warm-up
  const t1 = performance.now();
  let checksum = 0;
  for (let k = 0; k < repeats; k++) for (const row of table.rows) checksum += score(row).probability;
  const scoreSeconds = (performance.now() - t1) / 1000;
  const scored = repeats * table.rows.length;
  lines.push(`batch scoring (probability, score, priority, top factors): ${fmt(scored / scoreSeconds / 1000, 0)}k rows/s over ${scored} rows (target ≥ 100k rows/s)`);

  const t2 = performance.now();
  const out = csvToScoredCsv(text, scorer.forHeader(table.header));
  const endToEnd = (performance.now() - t2) / 1000;
  lines.push(`end to end CSV in → scored CSV out: ${fmt(table.rows.length / endToEnd / 1000, 0)}k rows/s (${fmt(out / 1e6, 1)} MB written to memory)`);

  const records = table.rows.slice(0, 1000).map((row) => Object.fromEntries(table.header.map((h, i) => [h, row[i]])));
  const samples: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const record = records[i % records.length]!;
    const s = performance.now();
    checksum += scorer.scoreRecord(record).probability;
    samples.push(performance.now() - s);
  }
  const single = summarize(samples.slice(1000));
  lines.push(`one lead (record in, explained score out): p50 ${fmt(single.p50 * 1000, 1)} µs, p99 ${fmt(single.p99 * 1000, 1)} µs (target < 1 ms)`);
  if (!Number.isFinite(checksum)) lines.push("warning: non-finite probabilities");
  return lines.join("\n");
}

function csvToScoredCsv(text: string, score: (row: readonly string[]) => { probability: number; leadScore: number; priority: string; topFactors: Parameters<typeof formatFactors>[0] }): number {
  const table: CsvTable = parseCsv(text);
  let bytes = 0;
  for (const row of table.rows) {
    const s = score(row);
    bytes += csvLine([...row, s.probability.toFixed(4), String(s.leadScore), s.priority, formatFactors(s.topFactors)]).length + 1;
  }
  return bytes;
}
