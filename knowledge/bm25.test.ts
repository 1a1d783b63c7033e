import { describe, expect, it } from "vitest";
import { bm25Idf, createBm25Index } from "./bm25.js";

const split = (t: string) => t.split(" ");

describe("BM25", () => {
  it("computes Okapi idf on known values", () => {
    expect(bm25Idf(3, 1)).toBeCloseTo(Math.log(1 + 2.5 / 1.5), 12);
    expect(bm25Idf(3, 3)).toBeCloseTo(Math.log(1 + 0.5 / 3.5), 12);
  });

  it("scores a one-term query by hand (k1 1.2, b 0.75)", () => {
    const index = createBm25Index(
      [
        { id: 10, text: "a b" },
        { id: 11, text: "a a c d" },
        { id: 12, text: "c" },
      ],
      { tokenize: split },
    );
    const idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
    const avg = 7 / 3;
    const score = (tf: number, len: number) => (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * len) / avg));
    const hits = index.search("a", 10);
    expect(hits.map((h) => h.id)).toEqual([11, 10]);
    expect(hits[0]!.score).toBeCloseTo(score(2, 4), 12);
    expect(hits[1]!.score).toBeCloseTo(score(1, 2), 12);
  });

  it("applies the filter while ranking and handles empty input", () => {
    const index = createBm25Index([
      { id: 1, text: "single sign-on with SAML" },
      { id: 2, text: "SAML and SCIM provisioning" },
    ]);
    expect(index.search("saml", 5, (id) => id === 2).map((h) => h.id)).toEqual([2]);
    expect(index.search("nothing matches", 5)).toEqual([]);
    expect(createBm25Index([]).search("saml", 5)).toEqual([]);
  });
});
