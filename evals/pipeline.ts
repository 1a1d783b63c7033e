import fs from "node:fs";
import path from "node:path";
import { parseCrmExport } from "../tools/crm/import-csv.js";
import { planCrmImport } from "../tools/crm/import-plan.js";
import { buildOutcomeHistory } from "../tools/pipeline/outcome-history.js";
import { latestEvent } from "../tools/pipeline/repo.js";
import { assembleDeals, type CrmRows } from "../tools/pipeline/rows.js";
import { formatHoldout } from "../tools/pipeline/train-report.js";
import { holdoutReport, splitByTime, splitRandomly, type HoldoutReport } from "../tools/pipeline/train.js";
import { buildSegmentation } from "../tools/segments/build.js";
import { segmentationData, type SegmentRows } from "../tools/segments/rows.js";
import { generateDemoData } from "../src/demo/generate.js";
import { DEFAULT_NOW } from "../src/demo/time.js";

/**
 * Deal close-probability and segmentation on two CRMs: the public Maven CRM export in ../shared/data/crm
 * (train file only; closed deals) and the generated demo CRM. The close model is judged on a split by time
 * (fitted on deals closed before the cutoff, scored on later ones) and, for comparison, on seeded random
 * deal splits. The hidden 20% of the shared data is never read here.
 */
export const CRM_FILES = {
  deals: "crm/sales_pipeline.train.csv",
  accounts: "crm/accounts.csv",
  products: "crm/products.csv",
  teams: "crm/sales_teams.csv",
} as const;

export interface DatasetEval {
  name: string;
  source: string;
  deals: number;
  closedDeals: number;
  winRate: number;
  byTime: HoldoutReport;
  random: { seed: number; auc: number; dealLevelAuc: number; brier: number; baselineBrier: number }[];
  trainingMs: number;
  segments: { accounts: number; k: number; silhouette: number; silhouettes: { k: number; silhouette: number }[]; migrationAuc: number | null; labels: string[] };
}

export interface PipelineEvalReport {
  crm: DatasetEval | { skipped: string };
  demo: DatasetEval;
}

const RANDOM_SEEDS = [1, 2, 3];

function evaluate(name: string, source: string, rows: CrmRows & SegmentRows): DatasetEval {
  const started = Date.now();
  const deals = assembleDeals(rows);
  const closed = deals.filter((d) => d.closedAt !== null && (d.stage === "won" || d.stage === "lost"));
  const history = buildOutcomeHistory(closed);
  const byTime = holdoutReport(splitByTime(closed, 0.2), history);
  const random = RANDOM_SEEDS.map((seed) => {
    const r = holdoutReport(splitRandomly(closed, 0.2, seed), history);
    return { seed, auc: r.auc, dealLevelAuc: r.dealLevelAuc, brier: r.brier, baselineBrier: r.baselineBrier };
  });
  const trainingMs = Date.now() - started;
  const asOf = latestEvent(deals);
  const seg = buildSegmentation(segmentationData(rows), { asOf, runId: "eval", builtAt: new Date(asOf).toISOString() });
  return {
    name,
    source,
    deals: deals.length,
    closedDeals: closed.length,
    winRate: closed.filter((d) => d.stage === "won").length / closed.length,
    byTime,
    random,
    trainingMs,
    segments: {
      accounts: seg.memberships.length,
      k: seg.model.k,
      silhouette: seg.model.silhouette,
      silhouettes: seg.model.silhouettes,
      migrationAuc: seg.model.migration.holdoutAuc,
      labels: seg.profiles.map((p) => `${p.label} (${p.size})`),
    },
  };
}

function mavenRows(sharedDataDir: string): CrmRows & SegmentRows {
  const read = (rel: string) => ({ file: path.join(sharedDataDir, rel), content: fs.readFileSync(path.join(sharedDataDir, rel), "utf8") });
  const data = parseCrmExport({ deals: read(CRM_FILES.deals), accounts: read(CRM_FILES.accounts), products: read(CRM_FILES.products), teams: read(CRM_FILES.teams) });
  const plan = planCrmImport(data, { now: Date.parse("2018-01-01T00:00:00Z") });
  return { ...plan, deals: plan.deals.map((d) => ({ ...d, lead_id: null })), activities: [] };
}

export function runPipelineEval(sharedDataDir: string): PipelineEvalReport {
  const missing = Object.values(CRM_FILES).filter((f) => !fs.existsSync(path.join(sharedDataDir, f)));
  const crm = missing.length
    ? { skipped: `shared CRM data absent (${missing.map((f) => path.join(sharedDataDir, f)).join(", ")})` }
    : evaluate("Maven CRM export (shared data, train file)", path.join(sharedDataDir, "crm"), mavenRows(sharedDataDir));
  const demo = evaluate("demo CRM (generated, default seed)", `generateDemoData() as of ${DEFAULT_NOW.toISOString().slice(0, 10)}`, generateDemoData());
  return { crm, demo };
}

function formatDataset(r: DatasetEval): string[] {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const s = r.segments;
  return [
    `${r.name} — ${r.source}`,
    `  ${r.deals} deals, ${r.closedDeals} closed, win rate ${(r.winRate * 100).toFixed(1)}%; evaluation took ${(r.trainingMs / 1000).toFixed(1)} s`,
    ...formatHoldout(r.byTime),
    `  random deal splits (seeds ${r.random.map((x) => x.seed).join(", ")}): AUC ${r.random.map((x) => x.auc.toFixed(3)).join(", ")} (mean ${mean(r.random.map((x) => x.auc)).toFixed(3)}); Brier ${r.random.map((x) => `${x.brier.toFixed(4)} vs ${x.baselineBrier.toFixed(4)}`).join(", ")}`,
    `  segments: ${s.accounts} accounts → k = ${s.k} (silhouette ${s.silhouette.toFixed(3)}; by k: ${s.silhouettes.map((x) => `${x.k}: ${x.silhouette.toFixed(3)}`).join(", ")}); migration-risk AUC ${s.migrationAuc === null ? "n/a" : s.migrationAuc.toFixed(3)}`,
    `    ${s.labels.join("; ")}`,
  ];
}

export function formatPipelineReport(report: PipelineEvalReport): string {
  const lines = ["deal close probability and segments"];
  if ("skipped" in report.crm) lines.push(`Maven CRM export: NOT EVALUATED — ${report.crm.skipped}`);
  else {
    lines.push(...formatDataset(report.crm));
    const auc = report.crm.byTime.auc;
    if (auc < 0.6) {
      lines.push(
        `  note: AUC ${auc.toFixed(2)} — this export carries little signal about outcomes. Products, sectors, accounts and agents win at`,
        "  similar rates, there are no activities or stage history, and outcomes swing by calendar month; the model rightly stays",
        "  close to the base rate (Brier at the baseline) rather than pretend to rank deals.",
      );
    }
  }
  lines.push(...formatDataset(report.demo));
  return lines.join("\n");
}
