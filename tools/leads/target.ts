import { BadInputError } from "../../src/core/errors.js";
import { categoryKey, isMissing } from "./values.js";

const POSITIVE = ["1", "yes", "y", "true", "t", "won", "win", "converted", "success", "positive", "1.0"];
const NEGATIVE = ["0", "no", "n", "false", "f", "lost", "lose", "loss", "not converted", "failure", "negative", "0.0"];

export interface ParsedTarget {
  /** 0/1 per kept row. */
  y: Uint8Array;
  /** Indices (into the input rows) of the rows that have a target value. */
  kept: number[];
  positive: string;
  negative: string;
  missing: number;
  warning?: string;
}

/**
 * Reads a two-class target column. The positive class is the one named, else the one that reads as
 * 1/yes/true/won/converted, else the rarer class (with a warning).
 */
export function parseTarget(column: string, cells: readonly (string | undefined)[], positive?: string): ParsedTarget {
  const counts = new Map<string, { n: number; label: string }>();
  cells.forEach((cell) => {
    if (isMissing(cell)) return;
    const key = categoryKey(cell!);
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { n: 1, label: cell!.trim() });
  });
  if (counts.size !== 2) {
    const shown = [...counts.values()].slice(0, 5).map((e) => e.label);
    throw new BadInputError(
      `target ${column} must have exactly two classes, found ${counts.size}${shown.length ? ` (${shown.join(", ")}${counts.size > 5 ? ", …" : ""})` : ""}`,
    );
  }
  const keys = [...counts.keys()];
  let positiveKey: string;
  let warning: string | undefined;
  if (positive !== undefined) {
    positiveKey = categoryKey(positive);
    if (!counts.has(positiveKey)) throw new BadInputError(`positive class ${positive} does not occur in target ${column}`);
  } else if (keys.some((k) => POSITIVE.includes(k))) {
    positiveKey = keys.find((k) => POSITIVE.includes(k))!;
  } else if (keys.some((k) => NEGATIVE.includes(k))) {
    positiveKey = keys.find((k) => !NEGATIVE.includes(k))!;
  } else {
    positiveKey = keys.sort((a, b) => counts.get(a)!.n - counts.get(b)!.n)[0]!;
    warning = `target ${column}: took the rarer class "${counts.get(positiveKey)!.label}" as positive`;
  }
  const negativeKey = keys.find((k) => k !== positiveKey)!;
  const kept: number[] = [];
  const y: number[] = [];
  cells.forEach((cell, i) => {
    if (isMissing(cell)) return;
    kept.push(i);
    y.push(categoryKey(cell!) === positiveKey ? 1 : 0);
  });
  return {
    y: Uint8Array.from(y),
    kept,
    positive: counts.get(positiveKey)!.label,
    negative: counts.get(negativeKey)!.label,
    missing: cells.length - kept.length,
    ...(warning ? { warning } : {}),
  };
}
