import { findTables } from "../../knowledge/table-text.js";
import type { SearchHit, SearchOptions } from "../../knowledge/types.js";
import type { CatalogProduct } from "../../src/core/ports.js";

export interface UserCounts {
  counts: Record<string, number>;
  /** The published documents the counts were read from. */
  evidence: { title: string; source: string }[];
}

const USERS_HEADER = /\b(users?|seats?|licen[cs]es?)\b/i;
const STATED = /\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:named\s+)?(?:users|seats)\s+(?:are\s+)?included\b|\bincludes?\s+(\d{1,3}(?:,\d{3})+|\d+)\s+(?:named\s+)?(?:users|seats)\b|\bup\s+to\s+(\d{1,3}(?:,\d{3})+|\d+)\s+(?:named\s+)?(?:users|seats)\b/i;

const norm = (s: string) => s.replace(/[*_`]/g, "").trim().toLowerCase();
const int = (s: string) => Number(s.replace(/,/g, ""));

/**
 * How many users each plan's price covers, read from the published knowledge when the price list does not
 * hold it: a table with a users/seats column and a row named after the product, or a product's own page
 * stating "100 named users included".
 */
export async function userCountsFromKnowledge(
  kb: { search(query: string, options: SearchOptions): Promise<SearchHit[]> },
  products: readonly CatalogProduct[],
): Promise<UserCounts> {
  const wanted = products.filter((p) => p.includedUsers === null);
  const counts: Record<string, number> = {};
  const evidence = new Map<string, { title: string; source: string }>();
  if (wanted.length === 0) return { counts, evidence: [] };
  const query = `plans users included price ${wanted.map((p) => p.name).join(" ")}`.slice(0, 480);
  const hits = await kb.search(query, { audience: "public", k: 20 });
  for (const hit of hits) {
    for (const { table } of findTables(hit.body)) {
      const col = table.header.findIndex((h, i) => i > 0 && USERS_HEADER.test(h));
      if (col < 0) continue;
      for (const row of table.rows) {
        const product = wanted.find((p) => [norm(p.name), norm(p.series)].includes(norm(row[0]!)));
        const n = /\d[\d,]*/.exec(row[col] ?? "")?.[0];
        if (product && n && counts[product.id] === undefined) {
          counts[product.id] = int(n);
          evidence.set(hit.sourcePath, { title: hit.title, source: hit.sourcePath });
        }
      }
    }
  }
  for (const product of wanted) {
    if (counts[product.id] !== undefined) continue;
    const page = hits.find((h) => norm(h.title) === norm(product.name) && STATED.test(h.body));
    const m = page && STATED.exec(page.body);
    if (page && m) {
      counts[product.id] = int(m[1] ?? m[2] ?? m[3]!);
      evidence.set(page.sourcePath, { title: page.title, source: page.sourcePath });
    }
  }
  return { counts, evidence: [...evidence.values()] };
}
