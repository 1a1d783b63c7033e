import { describe, expect, it } from "vitest";
import type { SearchHit, SearchOptions } from "../../knowledge/types.js";
import type { Role } from "../../src/core/domain.js";
import { ToolRegistry } from "../registry.js";
import { createKnowledgeSearchTool, searchAudienceFor } from "./tool.js";

function fakeKb() {
  const calls: { query: string; options: SearchOptions }[] = [];
  const hit: SearchHit = {
    id: 1,
    documentId: "d",
    sourcePath: "knowledge/demo/public/faq.md",
    title: "FAQ",
    heading: "Trial",
    body: "x".repeat(2000),
    audience: "public",
    tags: [],
    score: 0.0327868852,
  };
  return {
    calls,
    kb: {
      async search(query: string, options: SearchOptions) {
        calls.push({ query, options });
        return [hit];
      },
    },
  };
}

const context = (role: Role) => ({ actor: { id: "u1", role, tenant: "demo" }, channel: "web" as const, conversationId: "c1" });

describe("knowledge_search tool", () => {
  it("searches public knowledge for a prospect whatever the model puts in the input", async () => {
    const { kb, calls } = fakeKb();
    const tools = new ToolRegistry([createKnowledgeSearchTool({ kb })]);
    await tools.call("knowledge_search", { query: "discount approval", audience: "internal" }, context("prospect"));
    expect(calls[0]).toEqual({ query: "discount approval", options: { audience: "public", k: 5, tags: undefined } });
  });

  it("searches internal knowledge for reps and managers, optionally for one competitor", async () => {
    const { kb, calls } = fakeKb();
    const tools = new ToolRegistry([createKnowledgeSearchTool({ kb })]);
    const result = await tools.call<{ results: { n: number; text: string; score: number; source: string }[] }>(
      "knowledge_search",
      { query: "how to win", competitor: "Power_BI", k: 3 },
      context("rep"),
    );
    expect(calls[0]!.options).toEqual({ audience: "internal", k: 3, tags: ["competitor:power_bi"] });
    expect(result.results[0]).toMatchObject({ n: 1, source: "knowledge/demo/public/faq.md", score: 0.0328 });
    expect(result.results[0]!.text).toHaveLength(1200);
    expect(searchAudienceFor({ role: "manager" })).toBe("internal");
    expect(searchAudienceFor({ role: "prospect" })).toBe("public");
  });

  it("is visible to prospects and rejects bad input", async () => {
    const { kb } = fakeKb();
    const tools = new ToolRegistry([createKnowledgeSearchTool({ kb })]);
    expect(tools.visibleTo({ role: "prospect" }).map((t) => t.name)).toEqual(["knowledge_search"]);
    await expect(tools.call("knowledge_search", { query: "" }, context("prospect"))).rejects.toThrow(/too short/);
    await expect(tools.call("knowledge_search", { query: "ok?", competitor: "../x" }, context("rep"))).rejects.toThrow(/competitor/);
  });
});
