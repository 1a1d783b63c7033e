import { describe, expect, it } from "vitest";
import { parseText } from "./text.js";

describe("plain-text parser", () => {
  it("takes a short first line as title and keeps paragraphs", () => {
    expect(parseText("Release notes\nVersion 2 adds alerts.\n\nVersion 3 adds SSO.", "f")).toEqual({
      title: "Release notes",
      sections: [{ headings: [], text: "Version 2 adds alerts.\n\nVersion 3 adds SSO." }],
      tags: [],
    });
  });

  it("treats underlined lines as headings", () => {
    const doc = parseText("Guide\n=====\nIntro.\n\nSetup\n-----\nRun it.", "f");
    expect(doc.title).toBe("Guide");
    expect(doc.sections).toEqual([
      { headings: [], text: "Intro." },
      { headings: ["Setup"], text: "Run it." },
    ]);
  });

  it("keeps the file title when the first line is a sentence", () => {
    expect(parseText("This is a sentence.\nMore.", "notes").title).toBe("notes");
  });
});
