import { describe, expect, it } from "vitest";
import { stem, terms, words } from "./tokenize.js";

describe("tokenize", () => {
  it("stems variants of one word to one term and leaves short or numeric words alone", () => {
    const cases: [string, string][] = [
      ["pricing", "pric"],
      ["prices", "pric"],
      ["priced", "pric"],
      ["price", "pric"],
      ["billing", "bill"],
      ["running", "run"],
      ["integrations", "integrat"],
      ["integrate", "integrat"],
      ["encryption", "encrypt"],
      ["encrypted", "encrypt"],
      ["deployment", "deploy"],
      ["companies", "company"],
      ["access", "access"],
      ["analysis", "analysis"],
      ["embed", "embed"],
      ["embedded", "embed"],
      ["sso", "sso"],
      ["99.9", "99.9"],
    ];
    for (const [word, expected] of cases) expect(stem(word), word).toBe(expected);
  });

  it("keeps numbers whole, folds accents and drops possessives", () => {
    expect(words("Helix Pro costs $36,000/yr — 99.9% uptime; Café's SLA")).toEqual([
      "helix", "pro", "costs", "36000", "yr", "99.9", "uptime", "cafe", "sla",
    ]);
  });

  it("drops stop words before stemming", () => {
    expect(terms("Do you offer discounts for the nonprofits?")).toEqual(["offer", "discount", "nonprofit"]);
  });
});
