import { describe, expect, it } from "vitest";
import type { PhraseRequest, LlmProvider } from "../../../src/llm/provider.js";
import { KnowledgeSearchInput } from "../../../tools/knowledge/schema.js";
import { defineTool, ToolRegistry } from "../../../tools/registry.js";
import type { SalesStateType } from "../state.js";
import { createAnswerQuestionNode } from "./answer-question.js";
import { oneMessageState } from "../../../tests/helpers/graph-state.js";

const RESULTS = [
  {
    n: 1,
    source: "knowledge/demo/public/products/helix-pro.md",
    title: "Helix Pro",
    heading: "Price and what is included",
    text: "- **List price: $36,000 per year**, billed annually.\n- **100 named users** included.",
    score: 0.03,
  },
];

const tools = new ToolRegistry([
  defineTool({ name: "knowledge_search", description: "", audience: "public", schema: KnowledgeSearchInput, run: async () => ({ results: RESULTS }) }),
]);

function state(text: string, profile = {}): SalesStateType {
  return oneMessageState(text, { actorId: "v1", channel: "web", conversationId: "c1", profile });
}

function llm(kind: "local" | "openai", seen: PhraseRequest[] = []): LlmProvider {
  return {
    kind,
    routeIntent: async () => undefined,
    phrase: async (request) => {
      seen.push(request);
      return `Helix Pro lists at $36,000 a year [1].`;
    },
  };
}

describe("answer node", () => {
  it("quotes the passage with a citation and lists the source by title, with no qualification question", async () => {
    const update = await createAnswerQuestionNode({ tools, llm: llm("local") }, "pricing")(state("How much does Helix Pro cost?", { need: "dashboards" }));
    expect(update.reply).toBe("Helix Pro — List price: $36,000 per year, billed annually [1].\n\nSources:\n[1] Helix Pro");
  });

  it("answers over SMS without file paths", async () => {
    const sms = oneMessageState("How much does Helix Pro cost?", { actorId: "+15555550100", channel: "sms", conversationId: "c2" });
    const update = await createAnswerQuestionNode({ tools, llm: llm("local") }, "pricing")(sms);
    expect(update.reply).toBe("Helix Pro — List price: $36,000 per year, billed annually [1].\nSources: [1] Helix Pro");
  });

  it("says it does not know when the passages do not cover the question", async () => {
    const update = await createAnswerQuestionNode({ tools, llm: llm("local") }, "product_question")(state("Do you offer a quantum computing module?"));
    expect(update.reply).toMatch(/^I don't know/);
    expect(update.reply).not.toMatch(/Sources/);
  });

  it("lets the language model reword only the grounded draft, keeping the sources list", async () => {
    const seen: PhraseRequest[] = [];
    const update = await createAnswerQuestionNode({ tools, llm: llm("openai", seen) }, "product_question")(state("What does Helix Pro cost?"));
    expect(seen[0]!.draft).toBe("Helix Pro — List price: $36,000 per year, billed annually [1].");
    expect(seen[0]!.facts).toContain("$36,000");
    expect(update.reply).toBe("Helix Pro lists at $36,000 a year [1].\n\nSources:\n[1] Helix Pro");
  });
});
