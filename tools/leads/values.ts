/** Reading one CSV cell as a number, a boolean, a date or a category key. Missing is NaN or null. */

const MISSING = new Set(["", "na", "n/a", "null", "nan", "?", "#n/a"]);

export function isMissing(cell: string | undefined): boolean {
  return cell === undefined || isMissingKey(categoryKey(cell));
}

/** For a cell already turned into a category key. */
export function isMissingKey(key: string): boolean {
  return MISSING.has(key);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Strict number: "1e3", "-0.5", ".5"; not "", "0x10", "Infinity", "1,5". */
export function parseNumber(cell: string | undefined): number {
  if (cell === undefined || cell === "") return NaN;
  // fast path for the common case; Number() alone would also accept "0x10", "  " and "1_0"-free oddities
  const v = Number(cell);
  if (v !== 0 && Number.isFinite(v) && !/[xXoObB]/.test(cell)) return v;
  const s = cell.trim();
  return NUMBER.test(s) ? Number(s) : NaN;
}

const TRUE_WORDS = new Set(["true", "yes", "y", "t"]);
const FALSE_WORDS = new Set(["false", "no", "n", "f"]);

export function isBooleanWord(cell: string): boolean {
  const s = cell.trim().toLowerCase();
  return TRUE_WORDS.has(s) || FALSE_WORDS.has(s);
}

/** 1 for yes/true/y/t/1, 0 for no/false/n/f/0, NaN otherwise. */
export function parseBoolean(cell: string | undefined): number {
  if (cell === undefined) return NaN;
  const s = cell.trim().toLowerCase();
  if (TRUE_WORDS.has(s) || s === "1") return 1;
  if (FALSE_WORDS.has(s) || s === "0") return 0;
  return NaN;
}

const ISO_DATE = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MS = 86_400_000;

export function looksLikeDate(cell: string): boolean {
  return ISO_DATE.test(cell.trim());
}

/** Days since the Unix epoch (fractional), for year-first dates only; NaN otherwise. */
export function parseDateDays(cell: string | undefined): number {
  if (cell === undefined) return NaN;
  const s = cell.trim();
  if (!ISO_DATE.test(s)) return NaN;
  const ms = Date.parse(s.replace(/\//g, "-").replace(/-(\d)(?=-|$|[T ])/g, "-0$1"));
  return Number.isFinite(ms) ? ms / DAY_MS : NaN;
}

/** How categories are matched: case and surrounding space do not make a new category. */
export function categoryKey(cell: string): string {
  return cell.trim().toLowerCase();
}
