/** RFC 4180 CSV: quoted fields may hold the separator, quotes ("") and line breaks. */

export interface CsvTable {
  header: string[];
  rows: string[][];
  separator: string;
}

const CANDIDATE_SEPARATORS = [",", ";", "\t", "|"] as const;

/** The separator that splits the header line into the most fields (ties go to the comma). */
export function detectSeparator(text: string): string {
  const end = text.search(/\r?\n/);
  const firstLine = end === -1 ? text : text.slice(0, end);
  let best = ",";
  let bestCount = 0;
  for (const sep of CANDIDATE_SEPARATORS) {
    const count = splitLine(firstLine, sep).length;
    if (count > bestCount) {
      best = sep;
      bestCount = count;
    }
  }
  return best;
}

function splitLine(line: string, sep: string): string[] {
  return parseRecords(line, sep)[0] ?? [];
}

/** Parses every record; blank lines are skipped. A leading byte-order mark is dropped. */
export function parseRecords(text: string, sep: string): string[][] {
  if (sep.length !== 1) throw new Error(`separator must be one character, got ${JSON.stringify(sep)}`);
  const sepCode = sep.charCodeAt(0);
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let fieldStart = i;
  let inQuotes = false;
  let quoted = false;
  const endField = (at: number) => {
    record.push(quoted ? field : text.slice(fieldStart, at));
    field = "";
    quoted = false;
  };
  const endRecord = () => {
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      const next = text.indexOf('"', i);
      const stop = next === -1 ? n : next;
      field += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === sepCode) {
      endField(i);
      fieldStart = ++i;
    } else if (c === 10 || c === 13) {
      endField(i);
      endRecord();
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      fieldStart = i;
    } else if (c === 34 && i === fieldStart) {
      inQuotes = true;
      quoted = true;
      i += 1;
    } else if (quoted) {
      // text after a closing quote: keep it rather than fail on sloppy exports
      field += text[i];
      i += 1;
    } else {
      i += 1;
    }
  }
  if (fieldStart < n || record.length > 0 || quoted) {
    endField(n);
    endRecord();
  }
  return records;
}

/** Header plus rows; short rows are padded with empty fields, long rows are an error. */
export function parseCsv(text: string, options: { separator?: string } = {}): CsvTable {
  const separator = options.separator ?? detectSeparator(text);
  const records = parseRecords(text, separator);
  const header = (records[0] ?? []).map((h) => h.trim());
  const rows = records.slice(1);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length > header.length) {
      throw new CsvShapeError(`line ${r + 2} has ${row.length} fields but the header has ${header.length}`);
    }
    while (row.length < header.length) row.push("");
  }
  return { header, rows, separator };
}

export class CsvShapeError extends Error {}

const NEEDS_QUOTES = /[",;\t|\r\n]/;
/** What a spreadsheet may run as a formula (OWASP "CSV injection"): `=`, `+`, `-`, `@`, tab or CR first. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * One field of a CSV the product writes. A cell that a spreadsheet would evaluate is neutralised with a
 * leading apostrophe and quoted (`=HYPERLINK(…)` → `"'=HYPERLINK(…)"`); plain numbers such as -0.5 stay as they are.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return safe !== value || NEEDS_QUOTES.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: readonly string[], separator = ","): string {
  let line = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += separator;
    line += csvField(fields[i]!);
  }
  return line;
}
