/** Accuracy, per-label precision/recall/F1 and the most frequent confusions of a labelled run. */

export interface LabelledPrediction {
  expected: string;
  predicted: string;
  text?: string;
}

export interface LabelMetrics {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Confusion {
  expected: string;
  predicted: string;
  count: number;
  examples: string[];
}

export function accuracy(results: readonly LabelledPrediction[]): number {
  if (results.length === 0) return 0;
  return results.filter((r) => r.expected === r.predicted).length / results.length;
}

export function perLabelMetrics(results: readonly LabelledPrediction[], labels: readonly string[]): LabelMetrics[] {
  return labels.map((label) => {
    const truePositives = results.filter((r) => r.expected === label && r.predicted === label).length;
    const predicted = results.filter((r) => r.predicted === label).length;
    const support = results.filter((r) => r.expected === label).length;
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, support, precision, recall, f1 };
  });
}

export function confusions(results: readonly LabelledPrediction[], maxExamples = 2): Confusion[] {
  const byPair = new Map<string, Confusion>();
  for (const r of results) {
    if (r.expected === r.predicted) continue;
    const key = `${r.expected}\u0000${r.predicted}`;
    const entry = byPair.get(key) ?? { expected: r.expected, predicted: r.predicted, count: 0, examples: [] };
    entry.count++;
    if (r.text !== undefined && entry.examples.length < maxExamples) entry.examples.push(r.text);
    byPair.set(key, entry);
  }
  return [...byPair.values()].sort(
    (a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.predicted.localeCompare(b.predicted),
  );
}

export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** Fixed-width text table; the first column and those listed in `leftColumns` left-aligned, the rest right-aligned. */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  leftColumns: readonly number[] = [0],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (leftColumns.includes(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
