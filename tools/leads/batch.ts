import { csvLine, type CsvTable } from "./csv.js";
import { describeFactors } from "./factor-text.js";
import { bandRules } from "./report.js";
import type { LeadScorer } from "./scorer.js";

export const SCORE_COLUMNS = ["probability", "lead_score", "priority", "top_factors", "priority_rule"] as const;

/**
 * The scored file: every input column, then probability, lead_score, priority, top_factors (readable
 * reasons) and priority_rule (what the lead's band means and how often such leads convert; comma separated). Score columns already in the input are replaced, so a scored file can be scored again.
 */
export function scoreTableToCsv(scorer: LeadScorer, table: CsvTable): { csv: string; rows: number; counts: Record<string, number> } {
  const score = scorer.forHeader(table.header);
  const keep = table.header.map((_, i) => i).filter((i) => !(SCORE_COLUMNS as readonly string[]).includes(table.header[i]!));
  const lines = [csvLine([...keep.map((i) => table.header[i]!), ...SCORE_COLUMNS])];
  const counts: Record<string, number> = { hot: 0, warm: 0, cold: 0 };
  const rules = bandRules(scorer.model);
  for (const row of table.rows) {
    const s = score(row);
    counts[s.priority]!++;
    lines.push(
      csvLine([...keep.map((i) => row[i] ?? ""), s.probability.toFixed(4), String(s.leadScore), s.priority, describeFactors(s.topFactors), rules[s.priority]]),
    );
  }
  return { csv: `${lines.join("\n")}\n`, rows: table.rows.length, counts };
}
