import { describe, expect, it } from "vitest";
import { chunkDocument, chunkText } from "./chunker.js";

const sentence = (i: number) => `Sentence number ${i} talks about Helix.`; // 34 or 35 characters

describe("chunker", () => {
  it("makes one chunk per section, with the heading path", () => {
    const chunks = chunkDocument({
      title: "Helix Pro",
      tags: [],
      sections: [
        { headings: [], text: "Intro." },
        { headings: ["Price", "Users"], text: "100 users." },
      ],
    });
    expect(chunks).toEqual([
      { ord: 0, heading: "", body: "Intro." },
      { ord: 1, heading: "Price > Users", body: "100 users." },
    ]);
    expect(chunkText({ title: "Helix Pro", ...chunks[1]! })).toBe("Helix Pro\nPrice > Users\n100 users.");
  });

  it("splits a long section into windows at sentence boundaries that overlap by whole sentences", () => {
    const text = Array.from({ length: 10 }, (_, i) => sentence(i)).join(" ");
    const chunks = chunkDocument({ title: "T", tags: [], sections: [{ headings: ["H"], text }] }, { maxChars: 120, overlapChars: 40 });
    expect(chunks.map((c) => c.body)).toEqual([
      `${sentence(0)} ${sentence(1)} ${sentence(2)}`,
      `${sentence(2)} ${sentence(3)} ${sentence(4)}`,
      `${sentence(4)} ${sentence(5)} ${sentence(6)}`,
      `${sentence(6)} ${sentence(7)} ${sentence(8)}`,
      `${sentence(8)} ${sentence(9)}`,
    ]);
    expect(chunks.every((c) => c.body.length <= 120 && c.heading === "H")).toBe(true);
  });

  it("prefers paragraph boundaries and cuts an over-long sentence between words", () => {
    const long = "word ".repeat(60).trim(); // 299 characters, no sentence end
    const chunks = chunkDocument(
      { title: "T", tags: [], sections: [{ headings: [], text: `First paragraph.\n\n${long}` }] },
      { maxChars: 100, overlapChars: 0 },
    );
    expect(chunks[0]!.body).toBe("First paragraph.");
    expect(chunks.slice(1).every((c) => c.body.length <= 100 && /^word( word)*$/.test(c.body))).toBe(true);
    expect(chunks.slice(1).map((c) => c.body).join(" ")).toBe(long);
  });
});
