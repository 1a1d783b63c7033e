import { describe, expect, it } from "vitest";
import { cosine } from "./embedder.js";
import { charGrams, createLocalEmbedder, fnv1a, localEmbedding } from "./local-embedder.js";

describe("local embedder", () => {
  it("hashes with FNV-1a (known values)", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });

  it("makes boundary-marked character 3- and 4-grams", () => {
    expect(charGrams("sso")).toEqual(["<ss", "sso", "so>", "<sso", "sso>"]);
  });

  it("is deterministic, unit length and of the configured dimension", async () => {
    const embedder = createLocalEmbedder({ dimensions: 384 });
    const [a] = await embedder.embedDocuments(["Helix Pro includes SAML single sign-on"]);
    const b = await embedder.embedQuery("Helix Pro includes SAML single sign-on");
    expect(a).toHaveLength(384);
    expect([...a!]).toEqual([...b]);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(embedder.id).toBe("local-hash-v1-384");
  });

  it("puts texts that share words and word forms closer than unrelated ones", () => {
    const query = localEmbedding("how is pricing billed");
    const related = localEmbedding("All plans are billed annually; prices are in US dollars.");
    const unrelated = localEmbedding("Row-level security policies restrict branch managers to their branch.");
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.1);
  });

  it("gives an empty text the zero vector rather than NaN", () => {
    expect([...localEmbedding("the and of", 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
