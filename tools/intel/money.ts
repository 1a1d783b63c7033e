import type { Money } from "../../src/core/intel.js";

const SYMBOLS: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP", "¥": "JPY" };
const AMOUNT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const MONEY = new RegExp(String.raw`([$€£¥])\s?(${AMOUNT})(k)?|(${AMOUNT})\s?(USD|EUR|GBP)\b`, "gi");
const UNIT = /^\s*(?:\/\s*|per\s+|a\s+)(user|seat|editor|creator|viewer|member|month|mo|year|yr|annum)s?\b(?:\s*(?:\/\s*|per\s+|a\s+)(month|mo|year|yr|annum)\b)?/i;

export interface MoneyMatch extends Money {
  index: number;
  /** What the amount is per, as written after it ("per user per month"), normalised. */
  unit?: string;
}

const UNIT_WORD: Record<string, string> = { mo: "month", yr: "year", annum: "year" };

/** Every amount of money in a line of text, with what it is per. */
export function findMoney(text: string): MoneyMatch[] {
  const found: MoneyMatch[] = [];
  for (const m of text.matchAll(MONEY)) {
    const symbol = m[1];
    const raw = (m[2] ?? m[4])!;
    let amount = Number(raw.replace(/,/g, ""));
    if (m[3]) amount *= 1000;
    const currency = symbol ? SYMBOLS[symbol]! : m[5]!.toUpperCase();
    const after = text.slice(m.index! + m[0].length);
    const unit = UNIT.exec(after);
    found.push({
      amount,
      currency,
      text: m[0].trim(),
      index: m.index!,
      unit: unit ? [unit[1], unit[2]].filter(Boolean).map((u) => `per ${UNIT_WORD[u!.toLowerCase()] ?? u!.toLowerCase()}`).join(" ") : undefined,
    });
  }
  return found;
}

export function hasMoney(text: string): boolean {
  return findMoney(text).length > 0;
}

export function formatMoney(m: Pick<Money, "amount" | "currency">): string {
  const symbol = Object.entries(SYMBOLS).find(([, c]) => c === m.currency)?.[0];
  const n = Number.isInteger(m.amount) ? m.amount.toLocaleString("en-US") : m.amount.toFixed(2);
  return symbol ? `${symbol}${n}` : `${n} ${m.currency}`;
}
