/** Reasons a rep can read: "29 days since last activity lowers the score", not "days_since_activity=29.4 (-0.62)". */

export interface FactorLike {
  column: string;
  value: string;
  effect: number;
}

/** "days_since_activity" → "days since activity"; "TotalVisits" → "total visits"; "Lead Source" stays. */
export function readableColumn(name: string): string {
  const spaced = name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return spaced === spaced.toUpperCase() ? spaced : spaced.toLowerCase();
}

function readableNumber(value: string): string | undefined {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) return undefined;
  return Math.abs(n) >= 10 || Number.isInteger(n) ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}

/** Quantity-like columns read best with the number first: "29 days since last activity". */
const COUNT_FIRST = /^(days?|hours?|minutes?|weeks?|months?|years?|number of|total|count of|pages?|visits?|emails?|calls?|meetings?)\b/;

export function describeFactor(f: FactorLike): string {
  const name = readableColumn(f.column);
  const number = readableNumber(f.value);
  let subject: string;
  if (f.value === "(missing)") subject = `no ${name} given`;
  else if (number !== undefined && COUNT_FIRST.test(name)) subject = `${number} ${name}`;
  else if (number !== undefined) subject = `${name} of ${number}`;
  else subject = `${name} "${f.value}"`;
  const strength = Math.abs(f.effect) >= 1 ? " strongly" : Math.abs(f.effect) < 0.1 ? " slightly" : "";
  return `${subject}${strength} ${f.effect >= 0 ? "raises" : "lowers"} the score`;
}

export function describeFactors(factors: readonly FactorLike[]): string {
  return factors.map(describeFactor).join("; ");
}
