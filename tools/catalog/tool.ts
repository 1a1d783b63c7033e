import type { CatalogRepo } from "../../src/core/ports.js";
import { NotFoundError } from "../../src/core/errors.js";
import { defineTool } from "../registry.js";
import { explainQuote, quotePlans, toEntry } from "./quote.js";
import { CatalogInput, type CatalogOutput } from "./schema.js";
import { userCountsFromKnowledge } from "./users-from-knowledge.js";

export interface CatalogToolDeps {
  catalog: CatalogRepo;
  /** ISO 4217 code the list prices are in. */
  currency?: string;
  /** Published knowledge to read user counts from when the price list does not hold them. */
  knowledge?: Parameters<typeof userCountsFromKnowledge>[0];
}

/**
 * The seller's price list for the agent and the answer node. Public: list prices are what the website
 * publishes; discounts and deals stay in the internal tools.
 */
export function createCatalogTool(deps: CatalogToolDeps) {
  const currency = deps.currency ?? "USD";
  return defineTool({
    name: "catalog",
    description:
      "The seller's price list. action=list returns every product with its list price, billing and the users it covers; " +
      "action=quote with teamSize (and optionally productId) works out what that team pays per plan, which plan fits, and shows the arithmetic.",
    audience: "public",
    schema: CatalogInput,
    run: async (input): Promise<CatalogOutput> => {
      const products = await deps.catalog.listProducts();
      const known = deps.knowledge && products.length > 0 ? await userCountsFromKnowledge(deps.knowledge, products) : { counts: {}, evidence: [] };
      const entries = products.map((p) => toEntry(p.includedUsers === null && known.counts[p.id] ? { ...p, includedUsers: known.counts[p.id]! } : p));
      const evidence = known.evidence;
      if (input.action === "list") return { action: "list", currency, products: entries, evidence };
      if (input.productId && !entries.some((e) => e.id === input.productId)) throw new NotFoundError(`catalog: no product ${input.productId}`);
      const quote = quotePlans(entries, input.teamSize, input.productId);
      return { action: "quote", currency, teamSize: input.teamSize, ...quote, explanation: explainQuote(quote, input.teamSize, currency), evidence };
    },
  });
}
