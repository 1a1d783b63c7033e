import { categoryKey, isBooleanWord, isMissing, looksLikeDate, parseNumber } from "./values.js";

export type FeatureKind = "numeric" | "boolean" | "date" | "categorical";
export type IgnoredReason = "identifier" | "free text" | "empty" | "constant" | "excluded" | "not included";

export interface InferredColumn {
  name: string;
  /** Position in the CSV row. */
  index: number;
  kind: FeatureKind;
  missing: number;
}

export interface IgnoredColumn {
  name: string;
  reason: IgnoredReason;
}

export interface InferredSchema {
  features: InferredColumn[];
  ignored: IgnoredColumn[];
  warnings: string[];
}

/** Share of non-missing cells that must parse for a column to count as numeric or date. */
const PARSE_SHARE = 0.95;
const ID_NAME = /(^|[_\s.-])id$|[a-z]Id$|ID$/;
/** Below this many rows, distinct integers are too common by chance to call a column an identifier by values alone. */
const MIN_ROWS_FOR_VALUE_ID = 50;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HASH = /^(?:[0-9a-f]{16,}|[A-Za-z0-9+/]{22,}={0,2})$/;

/**
 * Row numbers and keys, told by their values: every value a distinct integer that either runs in order
 * through the file or packs a narrow range (a counter: "Lead Number" 579533..660737 over 9,240 rows is
 * distinct and dense enough), or UUID- or hash-shaped strings.
 */
export function looksLikeIdentifier(present: readonly string[], numbers: readonly number[] | undefined): boolean {
  if (present.length < MIN_ROWS_FOR_VALUE_ID) return false;
  if (numbers) {
    if (!numbers.every(Number.isInteger) || new Set(numbers).size !== numbers.length) return false;
    let ascending = true;
    let descending = true;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < numbers.length; i++) {
      const n = numbers[i]!;
      if (i > 0 && n < numbers[i - 1]!) ascending = false;
      if (i > 0 && n > numbers[i - 1]!) descending = false;
      if (n < min) min = n;
      if (n > max) max = n;
    }
    return ascending || descending || max - min + 1 <= 20 * numbers.length;
  }
  const shaped = present.filter((v) => UUID.test(v.trim()) || HASH.test(v.trim())).length;
  return shaped >= PARSE_SHARE * present.length && new Set(present).size >= PARSE_SHARE * present.length;
}

function columnKind(values: string[], name: string): FeatureKind | IgnoredReason {
  const present = values.filter((v) => !isMissing(v));
  if (present.length === 0) return "empty";
  const distinct = new Set(present.map(categoryKey));
  if (distinct.size === 1) return "constant";
  const numbers = present.filter((v) => !Number.isNaN(parseNumber(v))).length;
  if (numbers >= PARSE_SHARE * present.length) {
    const allDistinctIntegers = distinct.size === present.length && present.every((v) => Number.isInteger(parseNumber(v)));
    if (allDistinctIntegers && ID_NAME.test(name)) return "identifier";
    return looksLikeIdentifier(present, present.map(parseNumber)) ? "identifier" : "numeric";
  }
  if (looksLikeIdentifier(present, undefined)) return "identifier";
  if (distinct.size === 2 && present.every(isBooleanWord)) return "boolean";
  if (present.filter(looksLikeDate).length >= PARSE_SHARE * present.length) return "date";
  const distinctShare = distinct.size / present.length;
  if (distinctShare > 0.5 && distinct.size > 20) {
    const words = present.reduce((s, v) => s + v.trim().split(/\s+/).length, 0) / present.length;
    if (words > 3) return "free text";
    if (distinctShare >= 0.9) return "identifier";
  }
  return "categorical";
}

/**
 * Decides how each column (other than the target) enters the model. Identifiers, free text, empty and
 * constant columns are left out, each with a warning, so a raw CRM export can be trained on as it is.
 */
export function inferSchema(header: readonly string[], rows: readonly string[][], targetIndex: number): InferredSchema {
  const features: InferredColumn[] = [];
  const ignored: IgnoredColumn[] = [];
  const warnings: string[] = [];
  header.forEach((name, index) => {
    if (index === targetIndex) return;
    const values = rows.map((r) => r[index] ?? "");
    const kind = columnKind(values, name);
    if (kind === "numeric" || kind === "boolean" || kind === "date" || kind === "categorical") {
      const missing = values.filter(isMissing).length;
      features.push({ name, index, kind, missing });
      if (kind === "numeric") {
        const bad = values.filter((v) => !isMissing(v) && Number.isNaN(parseNumber(v))).length;
        if (bad > 0) warnings.push(`column ${name}: ${bad} non-numeric value(s) treated as missing`);
      }
    } else {
      ignored.push({ name, reason: kind });
      warnings.push(`column ${name} ignored (${kind})`);
    }
  });
  return { features, ignored, warnings };
}
