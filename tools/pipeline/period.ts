import { BadInputError } from "../../src/core/errors.js";

/** A forecast period [start, end) in UTC, parsed from what people type: "this quarter", "2026-Q4", "december". */
export interface Period {
  label: string;
  start: number;
  end: number;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function month(year: number, m: number): Period {
  const start = Date.UTC(year, m, 1);
  const d = new Date(start);
  return { label: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`, start, end: Date.UTC(year, m + 1, 1) };
}

function quarter(year: number, q: number): Period {
  const start = Date.UTC(year, q * 3, 1);
  const d = new Date(start);
  return { label: `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`, start, end: Date.UTC(year, q * 3 + 3, 1) };
}

export function parsePeriod(text: string | undefined, asOf: number): Period {
  const now = new Date(asOf);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const q = Math.floor(m / 3);
  const t = (text ?? "this quarter").trim().toLowerCase().replace(/\s+/g, " ");
  if (/^(this |current )?(month|mtd)$/.test(t)) return month(y, m);
  if (t === "next month") return month(y, m + 1);
  if (t === "last month" || t === "previous month") return month(y, m - 1);
  if (/^(this |current )?(quarter|qtr|qtd)$/.test(t)) return quarter(y, q);
  if (t === "next quarter") return quarter(y, q + 1);
  if (t === "last quarter" || t === "previous quarter") return quarter(y, q - 1);
  if (/^(this |current )?(year|ytd)$/.test(t)) return { label: String(y), start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
  if (t === "next year") return { label: String(y + 1), start: Date.UTC(y + 1, 0, 1), end: Date.UTC(y + 2, 0, 1) };
  let match = /^(\d{4})[- ]?q([1-4])$/.exec(t) ?? /^q([1-4])[- ]?(\d{4})$/.exec(t);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    return a > 4 ? quarter(a, b - 1) : quarter(b, a - 1);
  }
  match = /^q([1-4])$/.exec(t);
  if (match) return quarter(y, Number(match[1]) - 1);
  match = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) return month(Number(match[1]), Number(match[2]) - 1);
  match = /^([a-z]+)(?: (\d{4}))?$/.exec(t);
  const named = match ? MONTHS.findIndex((name) => name === match![1] || (match![1]!.length >= 3 && name.startsWith(match![1]!))) : -1;
  if (match && named >= 0) return month(match[2] ? Number(match[2]) : y, named);
  match = /^(?:next )?(\d{1,3}) ?(?:d|days)$/.exec(t);
  if (match) return { label: `next ${match[1]} days`, start: asOf, end: asOf + Number(match[1]) * 86_400_000 };
  throw new BadInputError(`unknown period "${text}" (try: this month, next quarter, 2026-Q4, 2026-12, december, 30d)`);
}

/** The period a plain-language question names, if any. */
export function periodInText(text: string): string | undefined {
  const t = text.toLowerCase();
  const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
    [/\b(this|next|last|current) (month|quarter|year)\b/, (m) => `${m[1]} ${m[2]}`],
    [/\b(\d{4})[- ]?q([1-4])\b/, (m) => `${m[1]}-Q${m[2]}`],
    [/\bq([1-4])(?:[- ](\d{4}))?\b/, (m) => (m[2] ? `${m[2]}-Q${m[1]}` : `q${m[1]}`)],
    [/\bnext (\d{1,3}) days\b/, (m) => `${m[1]}d`],
    [/\b(january|february|march|april|june|july|august|september|october|november|december)\b/, (m) => m[1]!],
  ];
  for (const [re, out] of patterns) {
    const m = re.exec(t);
    if (m) return out(m);
  }
  return undefined;
}
