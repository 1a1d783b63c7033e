import type pg from "pg";
import type { CatalogProduct, CatalogRepo } from "../../core/ports.js";

const WITH_USERS = `select id, name, series, list_price, billing, description, included_users from products order by list_price, name`;
const WITHOUT_USERS = `select id, name, series, list_price, billing, description, null::integer as included_users from products order by list_price, name`;
const HAS_USERS_COLUMN = `select 1 from information_schema.columns
  where table_schema = current_schema() and table_name = 'products' and column_name = 'included_users'`;

/** "up to 25 users", "includes 100 named users", "for 10 seats" in a product description. */
const USERS_IN_TEXT = /\b(?:up\s+to|includes?|including|for|covers?)\s+(\d{1,3}(?:,\d{3})+|\d+)\s+(?:named\s+)?(?:users|seats|licen[cs]es)\b/i;

export function usersStatedIn(description: string): number | null {
  const m = USERS_IN_TEXT.exec(description);
  return m ? Number(m[1]!.replace(/,/g, "")) : null;
}

/**
 * The price list from the `products` table. The core schema has no user-count column; a deployment that adds
 * `included_users` gets it read, and otherwise a count stated in the description ("up to 25 users") is used.
 */
export function createCatalogRepo(pool: pg.Pool): CatalogRepo {
  let hasUsersColumn: Promise<boolean> | undefined;
  return {
    async listProducts() {
      hasUsersColumn ??= pool.query(HAS_USERS_COLUMN).then((r) => (r.rowCount ?? 0) > 0);
      const { rows } = await pool.query(await hasUsersColumn ? WITH_USERS : WITHOUT_USERS);
      return rows.map(
        (r): CatalogProduct => ({
          id: String(r.id),
          name: String(r.name),
          series: String(r.series),
          listPrice: Number(r.list_price),
          billing: String(r.billing ?? ""),
          description: String(r.description ?? ""),
          includedUsers: r.included_users === null || r.included_users === undefined ? usersStatedIn(String(r.description ?? "")) : Number(r.included_users),
        }),
      );
    },
  };
}
