import { z } from "zod";
import { BadInputError } from "../../src/core/errors.js";
import { CsvShapeError, parseCsv } from "../leads/csv.js";

/**
 * A CRM export in the Maven "CRM + Sales Opportunities" layout (sales_pipeline, accounts, products,
 * sales_teams), read and checked at the edge. Every problem names the file, the line and the column.
 */

export const EXPORT_KINDS = ["teams", "products", "accounts", "deals"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const text = z.string().trim();
const required = text.min(1, "is empty");
const optional = text.transform((v) => (v === "" ? null : v));
const number = (what: string) =>
  text.transform((v, ctx) => {
    if (v === "") return null;
    const n = Number(v.replace(/[$,\s]/g, ""));
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: "custom", message: `"${v}" is not ${what}` });
      return z.NEVER;
    }
    return n;
  });
const date = text.transform((v, ctx) => {
  if (v === "") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  const ms = m ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) : NaN;
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: "custom", message: `"${v}" is not a date (YYYY-MM-DD)` });
    return z.NEVER;
  }
  return ms;
});

export const TeamRecord = z.object({ sales_agent: required, manager: optional, regional_office: required });
export const ProductRecord = z.object({ product: required, series: optional, sales_price: number("a price") });
export const AccountRecord = z.object({
  account: required,
  sector: optional,
  year_established: number("a year"),
  revenue: number("an amount in M$"),
  employees: number("a head count"),
  office_location: optional,
  subsidiary_of: optional,
  region: optional,
});
export const DealRecord = z.object({
  opportunity_id: required,
  sales_agent: required,
  product: required,
  account: optional,
  deal_stage: required,
  engage_date: date,
  close_date: date,
  close_value: number("an amount"),
  amount: number("an amount"),
});

const SCHEMAS = { teams: TeamRecord, products: ProductRecord, accounts: AccountRecord, deals: DealRecord } as const;

/** Columns a file must have; the others are read when present. */
export const REQUIRED_COLUMNS: Record<ExportKind, readonly string[]> = {
  teams: ["sales_agent", "manager", "regional_office"],
  products: ["product", "sales_price"],
  accounts: ["account", "sector"],
  deals: ["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"],
};

export type TeamRecord = z.infer<typeof TeamRecord>;
export type ProductRecord = z.infer<typeof ProductRecord>;
export type AccountRecord = z.infer<typeof AccountRecord>;
export type DealRecord = z.infer<typeof DealRecord>;

export interface CrmExport {
  teams: TeamRecord[];
  products: ProductRecord[];
  accounts: AccountRecord[];
  deals: DealRecord[];
  /** File name of each part read, for messages. */
  files: Partial<Record<ExportKind, string>>;
}

function normalizeHeader(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, "_");
}

export function parseExportFile<K extends ExportKind>(kind: K, file: string, content: string): z.infer<(typeof SCHEMAS)[K]>[] {
  if (content.trim() === "") throw new BadInputError(`${file} is empty`);
  let table;
  try {
    table = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvShapeError) throw new BadInputError(`${file}: ${error.message}`);
    throw error;
  }
  const header = table.header.map(normalizeHeader);
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !header.includes(c));
  if (missing.length > 0) throw new BadInputError(`${file}: missing column ${missing.join(", ")} (has ${header.join(", ")})`);
  if (table.rows.length === 0) throw new BadInputError(`${file} has a header but no rows`);
  const schema = SCHEMAS[kind];
  const columns = Object.keys(schema.shape);
  const out: z.infer<(typeof SCHEMAS)[K]>[] = [];
  for (const [r, row] of table.rows.entries()) {
    const record: Record<string, string> = {};
    for (const c of columns) {
      const at = header.indexOf(c);
      record[c] = at === -1 ? "" : (row[at] ?? "");
    }
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BadInputError(`${file} line ${r + 2}: column ${issue.path.join(".")} ${issue.message}`);
    }
    out.push(parsed.data as z.infer<(typeof SCHEMAS)[K]>);
  }
  return out;
}

export function parseCrmExport(parts: Partial<Record<ExportKind, { file: string; content: string }>>): CrmExport {
  const files: Partial<Record<ExportKind, string>> = {};
  for (const kind of EXPORT_KINDS) if (parts[kind]) files[kind] = parts[kind].file;
  const read = <K extends ExportKind>(kind: K) => (parts[kind] ? parseExportFile(kind, parts[kind].file, parts[kind].content) : []);
  return { teams: read("teams"), products: read("products"), accounts: read("accounts"), deals: read("deals"), files };
}
