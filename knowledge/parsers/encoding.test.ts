import { describe, expect, it } from "vitest";
import { TextEncodingError } from "../../src/core/text-decoding.js";
import { parseDocument } from "./index.js";

describe("knowledge documents that are not UTF-8", () => {
  const bytes = Buffer.from("Pricing\n\nThe caf\u00e9 plan costs 40 dollars.\n", "latin1");

  it("stop with the line instead of being read as replacement characters", async () => {
    await expect(parseDocument("docs/pricing.txt", bytes)).rejects.toThrow(TextEncodingError);
    await expect(parseDocument("docs/pricing.txt", bytes)).rejects.toThrow(/line 3, column 8/);
  });

  it("are read with the named encoding", async () => {
    const doc = await parseDocument("docs/pricing.txt", bytes, "windows-1252");
    expect(JSON.stringify(doc)).toContain("café plan");
  });
});
