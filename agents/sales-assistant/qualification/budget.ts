/** Budgets as a person writes them ("around 40k", "€25k a year", "$3k/month", "20-30k") → one readable string. */

const SYMBOL: Record<string, string> = {
  $: "$", us$: "$", usd: "$", dollar: "$", dollars: "$", bucks: "$",
  "€": "€", eur: "€", euro: "€", euros: "€",
  "£": "£", gbp: "£", pound: "£", pounds: "£", quid: "£",
};
const CUR_BEFORE = String.raw`US\$|USD|EUR|GBP|\$|€|£`;
const CUR_AFTER = String.raw`dollars?|usd|bucks|euros?|eur|pounds?|quid|gbp|€|\$|£`;
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:\.\d+)?`;
const UNIT = String.raw`k|K|mm|m|M|thousand|grand|million|mil`;
const AMOUNT = String.raw`(${NUMBER})\s*(${UNIT})?\b`;
const SUM = String.raw`(?:(${CUR_BEFORE})\s?${AMOUNT}(?:\s*(${CUR_AFTER})\b)?|${AMOUNT}\s*(${CUR_AFTER})(?![\p{L}])|(?<![\d.,$€£])(${NUMBER})\s*(${UNIT})\b)`;
const MONEY = new RegExp(SUM, "iu");
const RANGE = new RegExp(String.raw`(?:between\s+)?(${CUR_BEFORE})?\s?(${NUMBER})\s*(${UNIT})?\s*(${CUR_AFTER})?\s*(?:-|–|to|and)\s*${SUM}`, "iu");
const PERIOD = /^\s*(?:(?:per|a|an|each|every|\/)\s*(month|mo|mth|year|yr|annum)\b|(monthly|annually|yearly|p\.?a\.?(?=\s|$)|p\/?m\b))/i;
const NOT_MONEY_AFTER = /^\s*(?:users?|people|persons?|seats?|licen[cs]es?|employees?|staff|customers?|members?|rows?|records?|events?|requests?|calls?|emails?|contacts?|leads?|visits?|visitors?|followers?|downloads?|messages?|hours?|minutes?|days?|weeks?|months?|years?|%)\b/i;

const CONTEXT = /\b(budget|spend|afford|allocated|approved|set aside|range|can pay|willing to pay|invest|we have|up to|around|about|roughly|max(?:imum)?)\b/i;
const STRONG_CONTEXT = /\b(budget|spend|afford|allocated|set aside|invest|willing to pay|can pay)\b/i;
const NO_BUDGET = /\bno budget\b|\bbudget (?:isn['’]?t|is not|hasn['’]?t been) (?:set|approved|allocated)\b/i;

export interface BudgetOptions {
  /** The message answers a budget question (or corrects one): a bare "40k" or "40 thousand" is enough. */
  answer?: boolean;
}

interface Sum {
  amount: number;
  symbol?: string;
  end: number;
}

function toNumber(digits: string, unit: string | undefined): number {
  const n = /^\d{1,3}(?:\.\d{3})+$/.test(digits) ? Number(digits.replace(/\./g, "")) : Number(digits.replace(/,/g, ""));
  const u = (unit ?? "").toLowerCase();
  if (u === "k" || u === "thousand" || u === "grand") return n * 1_000;
  if (u === "m" || u === "mm" || u === "million" || u === "mil") return n * 1_000_000;
  return n;
}

/** One sum from a SUM match's groups, starting at `g` (the groups of SUM, in order). */
function sumOf(groups: (string | undefined)[], g: number): { amount: number; symbol?: string; bare: boolean } {
  const [before, n1, u1, after1, n2, u2, after2, n3, u3] = groups.slice(g, g + 9);
  if (n1) return { amount: toNumber(n1, u1), symbol: SYMBOL[(before ?? after1 ?? "").toLowerCase()], bare: false };
  if (n2) return { amount: toNumber(n2, u2), symbol: SYMBOL[(after2 ?? "").toLowerCase()], bare: false };
  return { amount: toNumber(n3!, u3), bare: true };
}

const money = (n: number, symbol: string) => `${symbol}${Math.round(n).toLocaleString("en-US")}`;

function find(text: string, answer: boolean): { low?: Sum; high: Sum; bare: boolean; index: number } | undefined {
  const range = text.match(RANGE);
  const joined = range && (!/\sand\s/i.test(range[0]) || /^between/i.test(range[0]));
  if (range && joined && !NOT_MONEY_AFTER.test(text.slice(range.index! + range[0].length))) {
    const high = sumOf([...range], 5);
    const highUnit = range[7] ?? range[10] ?? range[13];
    // "20-30k": a unit written once applies to both ends.
    const low = toNumber(range[2]!, range[3] ?? highUnit);
    const symbol = SYMBOL[(range[1] ?? range[4] ?? "").toLowerCase()] ?? high.symbol;
    const end = range.index! + range[0].length;
    if (low > 0 && low < high.amount) {
      return { low: { amount: low, symbol, end }, high: { amount: high.amount, symbol, end }, bare: high.bare && !range[1] && !range[4], index: range.index! };
    }
  }
  for (const m of text.matchAll(new RegExp(SUM, "giu"))) {
    const end = m.index! + m[0].length;
    if (NOT_MONEY_AFTER.test(text.slice(end))) continue;
    const s = sumOf([...m], 1);
    if (s.bare && !answer && !STRONG_CONTEXT.test(text)) continue;
    return { high: { amount: s.amount, symbol: s.symbol, end }, bare: s.bare, index: m.index! };
  }
  if (answer) {
    const plain = text.match(/^\s*(?:about|around|roughly|approximately|maybe|~)?\s*(\d{1,3}(?:,\d{3})+|\d{3,})\s*[.!]?\s*$/i);
    if (plain) return { high: { amount: toNumber(plain[1]!, undefined), end: text.length }, bare: true, index: plain.index! };
  }
  return undefined;
}

/**
 * The budget a message states, as "about $40,000", "€25,000 per year" or "$20,000–$30,000". Without
 * `answer`, a sum counts only beside budget words (so a quoted list price is not taken for a budget).
 */
export function extractBudget(text: string, options: BudgetOptions = {}): string | undefined {
  if (NO_BUDGET.test(text)) return "No budget allocated yet";
  const answer = options.answer === true;
  if (!answer && !MONEY.test(text)) return undefined;
  const found = find(text, answer);
  if (!found || !(found.high.amount > 0) || !Number.isFinite(found.high.amount)) return undefined;
  const currencyWord = found.high.symbol && /dollars?|usd|bucks|euros?|eur|pounds?|quid|gbp/i.test(text);
  if (!answer && !CONTEXT.test(text) && !currencyWord) return undefined;
  const sentence = text.slice(found.index).split(/(?<=[.!?])\s/)[0]!;
  if (!answer && sentence.trim().endsWith("?") && !STRONG_CONTEXT.test(text)) return undefined;

  const symbol = found.high.symbol ?? found.low?.symbol ?? "$";
  const period = text.slice(found.high.end).match(PERIOD);
  const per = !period ? "" : /^(?:month|mo|mth|monthly|p\/?m)$/i.test(period[1] ?? period[2]!) ? " per month" : " per year";
  const approx = /\b(around|about|roughly|approximately|ballpark|maybe)\b|~/i.test(text) ? "about " : /\bup to\b|\bmax|\bat most\b|\bno more than\b/i.test(text) ? "up to " : "";
  const value = found.low ? `${money(found.low.amount, symbol)}–${money(found.high.amount, symbol)}` : money(found.high.amount, symbol);
  return `${found.low ? "" : approx}${value}${per}`;
}
