import { describe, expect, it } from "vitest";
import { startupFacts, startupLine } from "./startup-line.js";

describe("startupFacts", () => {
  it("names the model when the LLM is a provider, and brackets an IPv6 address", () => {
    const container = { config: { llm: { model: "gpt-4o-mini" }, publicBaseUrl: undefined }, db: { kind: "postgres" }, llm: { kind: "openai" } };
    const facts = startupFacts(container as never, { port: 3000, channels: ["web", "slack"], jobs: {} as never }, "::1");
    expect(startupLine(facts)).toBe(
      "salesgraph listening on http://[::1]:3000 — channels: web, slack; database: postgres; llm: openai (gpt-4o-mini); public URL: not set; jobs: on",
    );
  });
});
