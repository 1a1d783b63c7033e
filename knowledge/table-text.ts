/**
 * Tables in passages come either as raw Markdown (`| a | b |` with a `|---|` rule) or as the parser leaves
 * them ("a | b", one line per row, rule dropped). Read aloud or sent as SMS, a row flattened on one line is
 * unreadable, so each row becomes a sentence: "Helix Core: $12,000 list price per year; 25 named users
 * included; data refresh daily."
 */

export interface TextTable {
  header: string[];
  rows: string[][];
}

export interface TableBlock {
  /** Line index where the table starts, and one past its last line. */
  start: number;
  end: number;
  table: TextTable;
}

const RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function cellsOf(line: string): string[] | undefined {
  if (!line.includes("|")) return undefined;
  const cells = line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim());
  return cells.length >= 2 ? cells : undefined;
}

/** Runs of two or more lines with the same number of `|`-separated cells; the first line is the header. */
export function findTables(text: string): TableBlock[] {
  const lines = text.split("\n");
  const blocks: TableBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const header = cellsOf(lines[i]!);
    if (!header) {
      i++;
      continue;
    }
    let j = i + 1;
    if (j < lines.length && RULE.test(lines[j]!)) j++;
    const rows: string[][] = [];
    while (j < lines.length) {
      const cells = cellsOf(lines[j]!);
      if (!cells || cells.length !== header.length || RULE.test(lines[j]!)) break;
      rows.push(cells);
      j++;
    }
    if (rows.length > 0) {
      blocks.push({ start: i, end: j, table: { header, rows } });
      i = j;
    } else i++;
  }
  return blocks;
}

const NUMERIC = /^[$€£¥]?\s?\d/;

/** One part of a row sentence: numbers lead ("25 named users included"), words follow ("support email"). */
function cellPhrase(header: string, value: string): string {
  const h = header.trim().replace(/[:.]$/, "");
  const label = /^[A-Z][a-z]/.test(h) ? h[0]!.toLowerCase() + h.slice(1) : h;
  if (!h) return value;
  return NUMERIC.test(value) ? `${value} ${label}` : `${label} ${value}`;
}

export interface RowOptions {
  /** Indexes of the columns to keep after the first (the row's name); all when absent or empty. */
  columns?: number[];
}

/** "Name: part; part; part." — the first cell names the row, the others are read with their header. */
export function rowSentence(table: TextTable, row: string[], options: RowOptions = {}): string {
  const keep = options.columns && options.columns.length > 0 ? options.columns : table.header.map((_, i) => i).slice(1);
  const parts = keep
    .filter((i) => i > 0 && row[i] !== undefined && row[i]!.trim() !== "" && !/^[-–—]$/.test(row[i]!.trim()))
    .map((i) => cellPhrase(table.header[i] ?? "", row[i]!.trim()));
  const name = row[0]!.trim();
  if (parts.length === 0) return `${name}.`;
  return `${name}: ${parts.join("; ")}.`;
}

/**
 * The text with every table replaced by one list item per row ("- Helix Core: …"), so sentence splitting
 * sees one sentence per row; `rows` lists those sentences. `columns` may choose which columns to keep.
 */
export function renderTables(text: string, columns?: (table: TextTable) => number[]): { text: string; rows: string[] } {
  const blocks = findTables(text);
  if (blocks.length === 0) return { text, rows: [] };
  const lines = text.split("\n");
  const out: string[] = [];
  const rows: string[] = [];
  let i = 0;
  for (const b of blocks) {
    out.push(...lines.slice(i, b.start));
    const keep = columns?.(b.table);
    const rendered = b.table.rows.map((r) => rowSentence(b.table, r, { columns: keep }));
    rows.push(...rendered);
    if (out.length > 0 && out.at(-1)!.trim() !== "") out.push("");
    out.push(...rendered.map((r) => `- ${r}`), "");
    i = b.end;
  }
  out.push(...lines.slice(i));
  return { text: out.join("\n").replace(/\n{3,}/g, "\n\n").trim(), rows };
}
