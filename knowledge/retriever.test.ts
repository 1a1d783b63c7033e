import { describe, expect, it } from "vitest";
import { createCorpus } from "./corpus.js";
import { buildHnswIndex } from "./hnsw-index.js";
import { localEmbedding } from "./local-embedder.js";
import { hybridSearch, reciprocalRankFusion } from "./retriever.js";
import type { IndexedChunk } from "./types.js";

describe("reciprocal rank fusion", () => {
  it("sums 1/(k + rank) over the rankings (known values)", () => {
    const fused = reciprocalRankFusion(
      [
        [1, 2, 3],
        [3, 1],
      ],
      60,
    );
    expect(fused.map((f) => f.id)).toEqual([1, 3, 2]);
    expect(fused[0]).toEqual({ id: 1, score: 1 / 61 + 1 / 62, ranks: [1, 2] });
    expect(fused[1]).toEqual({ id: 3, score: 1 / 63 + 1 / 61, ranks: [3, 1] });
    expect(fused[2]).toEqual({ id: 2, score: 1 / 62, ranks: [2, undefined] });
  });

  it("ignores a repeated id within one ranking", () => {
    expect(reciprocalRankFusion([[5, 5]], 60)).toEqual([{ id: 5, score: 1 / 61, ranks: [1] }]);
  });
});

describe("hybrid search", () => {
  const chunk = (id: number, body: string, audience: "public" | "internal", tags: string[] = []): IndexedChunk => ({
    id,
    documentId: `d${id}`,
    sourcePath: `doc${id}.md`,
    title: `Doc ${id}`,
    heading: "",
    body,
    audience,
    tags,
  });
  const chunks = [
    chunk(1, "Helix Pro includes SAML single sign-on", "public"),
    chunk(2, "Battlecard: against Tableau, ask about viewer licences", "internal", ["competitor:tableau"]),
    chunk(3, "Public comparison with Tableau", "public", ["competitor:tableau"]),
  ];
  const corpusFor = (audience: "public" | "internal") => {
    const visible = chunks.filter((c) => audience === "internal" || c.audience === "public");
    return createCorpus(
      audience,
      chunks,
      buildHnswIndex(
        visible.map((c) => ({ id: c.id, vector: localEmbedding(c.body, 64) })),
        64,
      ),
    );
  };

  it("never returns internal chunks from a public corpus", () => {
    const corpus = corpusFor("public");
    expect([...corpus.chunks.keys()]).toEqual([1, 3]);
    const hits = hybridSearch(corpus, "tableau viewer licences", localEmbedding("tableau viewer licences", 64), { k: 5 });
    expect(hits[0]!.id).toBe(3);
    expect(hits.every((h) => h.audience === "public" && h.id !== 2)).toBe(true);
  });

  it("finds internal chunks for internal searches and filters by tag before ranking", () => {
    const corpus = corpusFor("internal");
    const q = "tableau viewer licences";
    const hits = hybridSearch(corpus, q, localEmbedding(q, 64), { k: 5, tags: ["competitor:tableau"] });
    expect(hits.map((h) => h.id)).toEqual([2, 3]);
    expect(hits[0]).toMatchObject({ vectorRank: 1, keywordRank: 1 });
  });
});
