import { detectSeparator, parseRecords } from "../leads/csv.js";
import { dayNumber, type Transaction } from "./rfm.js";

export class TransactionsError extends Error {}

/** Reads transactions from CSV text by column name; the first bad row is reported by its line number. */
export function readTransactions(text: string, columns: { customer: string; date: string; value: string }): Transaction[] {
  const records = parseRecords(text, detectSeparator(text));
  const header = (records[0] ?? []).map((h) => h.trim());
  const index = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new TransactionsError(`no column '${name}' in the transactions (have: ${header.join(", ").slice(0, 200)})`);
    return i;
  };
  const ci = index(columns.customer);
  const di = index(columns.date);
  const vi = index(columns.value);
  const out: Transaction[] = [];
  for (let r = 1; r < records.length; r++) {
    const row = records[r]!;
    const customerId = (row[ci] ?? "").trim();
    const day = dayNumber(row[di] ?? "");
    const value = Number((row[vi] ?? "").trim());
    if (!customerId) throw new TransactionsError(`row ${r + 1}: empty ${columns.customer}`);
    if (day === undefined) throw new TransactionsError(`row ${r + 1}: ${columns.date} '${row[di] ?? ""}' is not a date (YYYY-MM-DD)`);
    if (!Number.isFinite(value) || value < 0) throw new TransactionsError(`row ${r + 1}: ${columns.value} '${row[vi] ?? ""}' is not a non-negative number`);
    out.push({ customerId, day, value });
  }
  if (out.length === 0) throw new TransactionsError("the transactions file has no rows");
  return out;
}
