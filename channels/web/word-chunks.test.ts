import { describe, expect, it } from "vitest";
import { wordChunks } from "./word-chunks.js";

describe("wordChunks", () => {
  it("gives one word per chunk, keeping the whitespace and line breaks", () => {
    const text = "Helix Pro costs $36,000 a year.\n\nIt includes 100 users. ";
    const chunks = wordChunks(text);
    expect(chunks.slice(0, 3)).toEqual(["Helix", " Pro", " costs"]);
    expect(chunks.join("")).toBe(text);
  });

  it("groups words of a long answer so the number of chunks stays bounded", () => {
    const text = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(" ");
    const chunks = wordChunks(text, 100);
    expect(chunks).toHaveLength(100);
    expect(chunks.join("")).toBe(text);
  });

  it("returns nothing for an empty answer", () => {
    expect(wordChunks("")).toEqual([]);
  });
});
