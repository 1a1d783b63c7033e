import { describe, expect, it } from "vitest";
import { checkGrounding } from "./grounding.js";

const evidence = [
  '{"results":[{"n":1,"title":"Helix Pro","text":"Helix Pro — List price: $36,000 per year, 100 named users included."}]}',
  "How much is Helix Pro for 40 people?",
];

describe("grounding guard", () => {
  it("passes a reply whose prices, numbers and names all come from the evidence", () => {
    expect(checkGrounding("Helix Pro costs $36,000 per year and includes 100 named users [1].", evidence, 1)).toEqual({
      ok: true, ungrounded: [], badCitations: [],
    });
    expect(checkGrounding("For 40 people, Helix Pro at $36k a year fits [1].", evidence, 1).ok).toBe(true);
  });

  it("catches an invented price, a discount and a customer name", () => {
    const verdict = checkGrounding("Helix Pro is $29,000 with a 20% discount, as Acme Logistics got [1].", evidence, 1);
    expect(verdict.ok).toBe(false);
    expect(verdict.ungrounded).toEqual(expect.arrayContaining(["$29,000", "20%", "Acme Logistics"]));
  });

  it("catches a citation to a source that was never retrieved", () => {
    expect(checkGrounding("Helix Pro costs $36,000 per year [3].", evidence, 1)).toMatchObject({ ok: false, badCitations: [3] });
  });

  it("reads numbers written with other locales' separators, and checks only multi-word names in other languages", () => {
    expect(checkGrounding("Helix Pro kostet 36.000 $ pro Jahr [1].", evidence, 1, { english: false }).ok).toBe(true);
    expect(checkGrounding("Helix Pro coûte 36 000 $ par an [1].", evidence, 1, { english: false }).ok).toBe(true);
    const verdict = checkGrounding("Helix Pro kostet 29.000 $, wie bei Acme Logistik [1].", evidence, 1, { english: false });
    expect(verdict.ungrounded).toEqual(expect.arrayContaining(["29.000", "Acme Logistik"]));
  });
});
