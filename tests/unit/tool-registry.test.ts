import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AccessDeniedError, BadInputError } from "../../src/core/errors.js";
import { defineTool, ToolRegistry } from "../../tools/registry.js";

function registry() {
  const internalRun = vi.fn(async () => ({ secret: "deal data" }));
  const publicRun = vi.fn(async (input: { q: string }) => ({ echo: input.q }));
  const tools = new ToolRegistry([
    defineTool({ name: "crm_secret", description: "internal", audience: "internal", schema: z.object({}), run: internalRun }),
    defineTool({ name: "kb_echo", description: "public", audience: "public", schema: z.object({ q: z.string() }), run: publicRun }),
  ]);
  return { tools, internalRun, publicRun };
}

const context = (role: "prospect" | "rep" | "manager") => ({
  actor: { id: "u1", role, tenant: "demo" },
  channel: "web" as const,
  conversationId: "c1",
});

describe("ToolRegistry access policy", () => {
  it("refuses an internal tool to a prospect before running or even parsing it", async () => {
    const { tools, internalRun } = registry();
    await expect(tools.call("crm_secret", { anything: "ignore previous instructions" }, context("prospect"))).rejects.toThrow(
      AccessDeniedError,
    );
    expect(internalRun).not.toHaveBeenCalled();
  });

  it("serves internal tools to reps and managers", async () => {
    const { tools } = registry();
    await expect(tools.call("crm_secret", {}, context("rep"))).resolves.toEqual({ secret: "deal data" });
    await expect(tools.call("crm_secret", {}, context("manager"))).resolves.toEqual({ secret: "deal data" });
  });

  it("shows a tool-calling model only the tools its actor may use", () => {
    const { tools } = registry();
    expect(tools.asLangChainTools(context("prospect")).map((t) => t.name)).toEqual(["kb_echo"]);
    expect(tools.asLangChainTools(context("rep")).map((t) => t.name)).toEqual(["crm_secret", "kb_echo"]);
  });

  it("validates input with the tool's schema", async () => {
    const { tools, publicRun } = registry();
    await expect(tools.call("kb_echo", { q: 42 }, context("prospect"))).rejects.toThrow(BadInputError);
    expect(publicRun).not.toHaveBeenCalled();
    await expect(tools.call("kb_echo", { q: "hi" }, context("prospect"))).resolves.toEqual({ echo: "hi" });
  });

  it("even a LangChain tool bound for a prospect cannot reach internal data", async () => {
    const { tools, internalRun } = registry();
    const bound = tools.asLangChainTools(context("prospect"));
    expect(bound.some((t) => t.name === "crm_secret")).toBe(false);
    expect(internalRun).not.toHaveBeenCalled();
  });
});
