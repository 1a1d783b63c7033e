import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "./front-matter.js";
import { inlineText, parseMarkdown } from "./markdown.js";

describe("Markdown parser", () => {
  it("splits by heading path, takes the first H1 as title and ignores # inside code fences", () => {
    const doc = parseMarkdown(
      [
        "# Helix Pro",
        "Intro paragraph.",
        "",
        "## Price",
        "**$36,000** per year, see [pricing](https://x.example/p).",
        "### Users",
        "100 named users.",
        "```",
        "# not a heading",
        "```",
        "## Support",
        "| Plan | Hours |",
        "|---|---|",
        "| Pro | 24/5 |",
      ].join("\n"),
      "fallback",
    );
    expect(doc.title).toBe("Helix Pro");
    expect(doc.sections).toEqual([
      { headings: [], text: "Intro paragraph." },
      { headings: ["Price"], text: "$36,000 per year, see pricing." },
      { headings: ["Price", "Users"], text: "100 named users.\n# not a heading" },
      { headings: ["Support"], text: "Plan | Hours\nPro | 24/5" },
    ]);
  });

  it("reads setext headings and falls back to the file title", () => {
    const doc = parseMarkdown("Intro\n\nFeatures\n--------\nFast.", "My file");
    expect(doc.title).toBe("My file");
    expect(doc.sections).toEqual([
      { headings: [], text: "Intro" },
      { headings: ["Features"], text: "Fast." },
    ]);
  });

  it("reads audience, title and tags from front matter", () => {
    const { meta, body } = splitFrontMatter("---\ntitle: 'Battlecard'\naudience: internal\ntags: [competitor:tableau, battlecard]\nowner: x\n---\n# Body");
    expect(meta).toEqual({ title: "Battlecard", audience: "internal", tags: ["competitor:tableau", "battlecard"] });
    expect(body).toBe("# Body");
    expect(splitFrontMatter("---\ntags:\n  - a\n  - b\n---\n").meta.tags).toEqual(["a", "b"]);
    expect(splitFrontMatter("---\naudience: secret\n---\n").meta.audience).toBeUndefined();
    const doc = parseMarkdown("---\naudience: internal\ntags: x\n---\n# T\ntext", "f");
    expect(doc).toMatchObject({ title: "T", audience: "internal", tags: ["x"] });
  });

  it("reduces inline syntax to its words", () => {
    expect(inlineText("See ![logo](a.png) **bold**, _em_ and `code` at <https://a.example>; snake_case stays")).toBe(
      "See logo bold, em and code at https://a.example; snake_case stays",
    );
  });
});
