import { describe, expect, it } from "vitest";
import { minimalPdf } from "./minimal-pdf.js";
import { parsePdf, sectionsFromPdfLines } from "./pdf.js";

describe("PDF parser", () => {
  it("turns larger lines into headings by size and the first one into the title", () => {
    const doc = sectionsFromPdfLines(
      [
        { text: "Security whitepaper", size: 20, y: 700, page: 1 },
        { text: "Overview", size: 14, y: 660, page: 1 },
        { text: "Helix encrypts data.", size: 11, y: 640, page: 1 },
        { text: "It uses AES-256.", size: 11, y: 627, page: 1 },
        { text: "Keys rotate yearly.", size: 11, y: 590, page: 1 },
        { text: "Access", size: 14, y: 700, page: 2 },
        { text: "SSO on Pro.", size: 11, y: 680, page: 2 },
      ],
      undefined,
      "fallback",
    );
    expect(doc.title).toBe("Security whitepaper");
    expect(doc.sections).toEqual([
      { headings: ["Overview"], text: "Helix encrypts data.\nIt uses AES-256.\n\nKeys rotate yearly." },
      { headings: ["Access"], text: "SSO on Pro." },
    ]);
  });

  it("reads a real PDF file through pdf.js", async () => {
    const bytes = minimalPdf([
      { text: "Helix Security Whitepaper", size: 20 },
      { text: "Encryption", size: 15 },
      { text: "All data is encrypted at rest with AES-256.", size: 11 },
      { text: "Backups are kept for 35 days.", size: 11 },
    ]);
    const doc = await parsePdf(bytes, "fallback");
    expect(doc.title).toBe("Helix Security Whitepaper");
    expect(doc.sections).toHaveLength(1);
    expect(doc.sections[0]!.headings).toEqual(["Encryption"]);
    expect(doc.sections[0]!.text).toContain("All data is encrypted at rest with AES-256.");
    expect(doc.sections[0]!.text).toContain("Backups are kept for 35 days.");
  });

  it("rejects a file that is not a PDF", async () => {
    await expect(parsePdf(new TextEncoder().encode("not a pdf"), "f")).rejects.toThrow();
  });
});
