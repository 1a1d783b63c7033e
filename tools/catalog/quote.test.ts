import { describe, expect, it } from "vitest";
import type { CatalogProduct } from "../../src/core/ports.js";
import { explainQuote, money, quotePlans, toEntry } from "./quote.js";

const product = (p: Partial<CatalogProduct> & Pick<CatalogProduct, "id" | "name" | "listPrice">): CatalogProduct => ({
  series: p.name,
  billing: "annual",
  description: "",
  includedUsers: null,
  ...p,
});

const PACKAGES = [
  product({ id: "core", name: "Core", listPrice: 12_000, includedUsers: 25 }),
  product({ id: "pro", name: "Pro", listPrice: 36_000, includedUsers: 100 }),
  product({ id: "ent", name: "Enterprise", listPrice: 95_000, includedUsers: 500 }),
  product({ id: "ai", name: "AI add-on", series: "Add-on", listPrice: 18_000 }),
].map(toEntry);

describe("plan quotes", () => {
  it("recommends the cheapest package that covers the team and says why the cheaper one does not", () => {
    const quote = quotePlans(PACKAGES, 40);
    expect(quote.recommended).toMatchObject({ product: { id: "pro" }, total: 36_000, perUser: 900, fits: true });
    expect(quote.options.map((o) => o.product.id)).toEqual(["core", "pro", "ent"]);
    expect(explainQuote(quote, 40, "USD")).toEqual([
      "Pro fits 40 users: $36,000 per year covers up to 100 users, so 40 users come to $36,000 ÷ 40 = $900 per user per year.",
      "Core covers up to 25 users, so it doesn't fit 40.",
    ]);
  });

  it("multiplies seat prices", () => {
    const seats = [product({ id: "team", name: "Team", listPrice: 240, billing: "per user per year", includedUsers: 50 })].map(toEntry);
    const quote = quotePlans(seats, 40);
    expect(quote.recommended).toMatchObject({ total: 9_600, perUser: 240 });
    expect(explainQuote(quote, 40, "EUR")[0]).toBe("Team fits 40 users: €240 per user per year × 40 = €9,600 per year.");
  });

  it("asks for a custom quote when no plan is big enough", () => {
    const quote = quotePlans(PACKAGES, 600);
    expect(quote.recommended).toBeUndefined();
    expect(explainQuote(quote, 600, "USD")).toEqual([
      "No listed plan covers 600 users: the largest, Enterprise, covers up to 500 users at $95,000 per year, so a team of 600 needs a custom quote.",
    ]);
  });

  it("never recommends what it cannot check", () => {
    const unknown = [product({ id: "x", name: "X", listPrice: 1_000 })].map(toEntry);
    expect(quotePlans(unknown, 10).recommended).toBeUndefined();
    expect(money(1234.5, "USD")).toBe("$1,234.50");
  });
});
