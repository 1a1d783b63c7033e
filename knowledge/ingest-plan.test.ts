import { describe, expect, it } from "vitest";
import {
  contentHash,
  documentId,
  effectiveAudience,
  normaliseTags,
  planIngest,
  scopePrefix,
  sourcePathOf,
} from "./ingest-plan.js";

describe("ingest plan", () => {
  it("sorts files into added, changed, unchanged and removed", () => {
    const plan = planIngest(
      [
        { sourcePath: "kb/a.md", contentHash: "1" },
        { sourcePath: "kb/b.md", contentHash: "2" },
        { sourcePath: "kb/gone.md", contentHash: "3" },
      ],
      [
        { sourcePath: "kb/a.md", contentHash: "1" },
        { sourcePath: "kb/b.md", contentHash: "2b" },
        { sourcePath: "kb/new.md", contentHash: "4" },
      ],
    );
    expect(plan).toEqual({ added: ["kb/new.md"], changed: ["kb/b.md"], unchanged: ["kb/a.md"], removed: ["kb/gone.md"] });
  });

  it("fingerprints bytes together with chunker, audience and tags", () => {
    const bytes = new TextEncoder().encode("# Hi");
    const base = contentHash(bytes, "v1", "public", ["a", "b"]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(bytes, "v1", "public", ["b", "a"])).toBe(base);
    expect(contentHash(bytes, "v2", "public", ["a", "b"])).not.toBe(base);
    expect(contentHash(bytes, "v1", "internal", ["a", "b"])).not.toBe(base);
    expect(contentHash(new TextEncoder().encode("# Hi!"), "v1", "public", ["a", "b"])).not.toBe(base);
    expect(documentId("kb/a.md")).toBe(documentId("kb/a.md"));
    expect(documentId("kb/a.md")).toMatch(/^doc_[0-9a-f]{24}$/);
  });

  it("records paths relative to the root, absolute outside it, and scopes deletions to the folder", () => {
    expect(sourcePathOf("/repo", "/repo/knowledge/demo/public/faq.md")).toBe("knowledge/demo/public/faq.md");
    expect(sourcePathOf("/repo", "/elsewhere/faq.md")).toBe("/elsewhere/faq.md");
    expect(scopePrefix("/repo", "/repo/knowledge/demo/public")).toBe("knowledge/demo/public/");
    expect(scopePrefix("/repo", "/repo")).toBe("");
    expect(scopePrefix("/repo", "/elsewhere")).toBe("/elsewhere/");
  });

  it("lets the more restrictive audience win and normalises tags", () => {
    expect(effectiveAudience("public", undefined)).toBe("public");
    expect(effectiveAudience("public", "internal")).toBe("internal");
    expect(effectiveAudience("internal", "public")).toBe("internal");
    expect(normaliseTags([" Competitor:Power BI ", "competitor:power_bi", ""])).toEqual(["competitor:power_bi"]);
  });
});
