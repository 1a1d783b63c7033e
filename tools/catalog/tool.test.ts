import { describe, expect, it } from "vitest";
import type { SearchHit } from "../../knowledge/types.js";
import type { CatalogProduct } from "../../src/core/ports.js";
import { ToolRegistry } from "../registry.js";
import type { CatalogOutput } from "./schema.js";
import { createCatalogTool } from "./tool.js";

const PRODUCTS: CatalogProduct[] = [
  { id: "p_start", name: "Acme Start", series: "Start", listPrice: 5_000, billing: "annual", description: "For small teams.", includedUsers: null },
  { id: "p_grow", name: "Acme Grow", series: "Grow", listPrice: 20_000, billing: "annual", description: "Up to 50 users.", includedUsers: 50 },
  { id: "p_extra", name: "Acme Extra", series: "Add-on", listPrice: 3_000, billing: "annual", description: "", includedUsers: null },
];

const PLAN_TABLE: SearchHit = {
  id: 1,
  documentId: "d",
  sourcePath: "docs/pricing.md",
  title: "Pricing",
  heading: "Plans",
  body: "Plan | Price | Users\nAcme Start | $5,000 | 10\nAcme Grow | $20,000 | 50",
  audience: "public",
  tags: [],
  score: 1,
};

const context = { actor: { id: "v", role: "prospect" as const, tenant: "t" }, channel: "web" as const, conversationId: "c" };

function registry(products = PRODUCTS, hits: SearchHit[] = [PLAN_TABLE]) {
  return new ToolRegistry([
    createCatalogTool({ catalog: { listProducts: async () => products }, knowledge: { search: async () => hits } }),
  ]);
}

describe("catalog tool", () => {
  it("is public and describes itself and every field", () => {
    const tool = registry().visibleTo({ role: "prospect" })[0]!;
    expect(tool.name).toBe("catalog");
    expect(JSON.stringify((tool.schema as any).toJSONSchema?.() ?? {})).toContain("teamSize");
    expect(tool.schema.description).toMatch(/price list/);
  });

  it("lists products with user counts read from the published plan table, citing it", async () => {
    const out = await registry().call<CatalogOutput>("catalog", { action: "list" }, context);
    expect(out.action === "list" && out.products.map((p) => [p.id, p.kind, p.includedUsers])).toEqual([
      ["p_start", "plan", 10],
      ["p_grow", "plan", 50],
      ["p_extra", "add_on", null],
    ]);
    expect(out.action === "list" && out.evidence).toEqual([{ title: "Pricing", source: "docs/pricing.md" }]);
  });

  it("quotes a team size with the arithmetic", async () => {
    const out = await registry().call<CatalogOutput>("catalog", { action: "quote", teamSize: 40 }, context);
    expect(out.action === "quote" && out.recommended?.product.id).toBe("p_grow");
    expect(out.action === "quote" && out.explanation).toEqual([
      "Acme Grow fits 40 users: $20,000 per year covers up to 50 users, so 40 users come to $20,000 ÷ 40 = $500 per user per year.",
      "Acme Start covers up to 10 users, so it doesn't fit 40.",
    ]);
  });

  it("rejects bad input and unknown products, and has nothing to quote from an empty catalogue", async () => {
    await expect(registry().call("catalog", { action: "quote", teamSize: 0 }, context)).rejects.toThrow(/catalog/);
    await expect(registry().call("catalog", { action: "quote", teamSize: 5, productId: "nope" }, context)).rejects.toThrow(/no product/);
    const empty = await registry([], []).call<CatalogOutput>("catalog", { action: "quote", teamSize: 5 }, context);
    expect(empty).toMatchObject({ recommended: undefined, options: [], explanation: [] });
  });
});
