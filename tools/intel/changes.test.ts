import { describe, expect, it } from "vitest";
import { classifyFeedItem, detectFeedChanges, detectPageChanges } from "./changes.js";
import { findMoney } from "./money.js";

const PRICING = (price: string, features: string[], extra = "") =>
  ["Simple pricing for every team. Updated March 3, 2025.", "# Pro", `${price} per user per month, billed annually.`, ...features.map((f) => `- ${f}`), extra, "Trusted by 12,000 teams."]
    .filter(Boolean)
    .join("\n");

describe("change detection", () => {
  it("reports a price change with the old and new amounts as numbers and the plan", () => {
    const changes = detectPageChanges(PRICING("$40", ["SSO"]), PRICING("$45", ["SSO"]));
    expect(changes).toHaveLength(1);
    const d = changes[0]!.detail;
    expect(d.kind).toBe("price_change");
    if (d.kind !== "price_change") return;
    expect(d.old.amount).toBe(40);
    expect(d.new.amount).toBe(45);
    expect(d.new.currency).toBe("USD");
    expect(d.plan).toBe("Pro");
    expect(d.unit).toBe("per user per month");
    expect(d.changePct).toBe(12.5);
    expect(changes[0]!.summary).toBe("Pro: price $40 → $45 per user per month (+12.5%)");
  });

  it("reports features removed and added", () => {
    const changes = detectPageChanges(PRICING("$40", ["SSO", "Scheduled reports"]), PRICING("$40", ["SSO", "AI assistant"]));
    expect(changes.map((c) => [c.detail.kind, c.summary])).toEqual([
      ["feature_removed", "feature removed: Scheduled reports"],
      ["feature_added", "feature added: AI assistant"],
    ]);
  });

  it("ignores dates, copyright years and counters", () => {
    const before = `${PRICING("$40", ["SSO"])}\n© 2024 Acme\nPosted 3 days ago\n1,204 reviews`;
    const after = PRICING("$40", ["SSO"]).replace("March 3, 2025", "April 9, 2025").replace("12,000", "12,500") + "\n© 2025 Acme\nPosted 5 days ago\n1,310 reviews";
    expect(detectPageChanges(before, after)).toEqual([]);
  });

  it("calls a new plan heading a new product", () => {
    const changes = detectPageChanges(PRICING("$40", ["SSO"]), PRICING("$40", ["SSO"], "# Enterprise plan"));
    expect(changes.map((c) => c.detail.kind)).toEqual(["new_product"]);
  });

  it("finds amounts with thousands separators, k suffixes and currency codes", () => {
    expect(findMoney("from $1,200.50 / user / mo").map((m) => [m.amount, m.currency, m.unit])).toEqual([[1200.5, "USD", "per user per month"]]);
    expect(findMoney("€30k a year or 99 GBP").map((m) => [m.amount, m.currency])).toEqual([[30000, "EUR"], [99, "GBP"]]);
  });

  it("reports new feed items by kind", () => {
    const old = [{ id: "1", title: "Acme launches dashboards" }];
    const next = [{ id: "2", title: "Acme raises $50M Series C", link: "https://acme.test/news/2" }, ...old];
    const changes = detectFeedChanges(old, next);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.link).toBe("https://acme.test/news/2");
    expect(changes[0]!.detail).toMatchObject({ kind: "feed_item", itemKind: "funding" });
    expect(classifyFeedItem({ id: "x", title: "Acme appoints Jane Roe as Chief Revenue Officer" })).toBe("hire");
    expect(classifyFeedItem({ id: "x", title: "Acme and Snowflake announce partnership" })).toBe("partnership");
    expect(classifyFeedItem({ id: "x", title: "Introducing Acme Copilot" })).toBe("launch");
  });
});
