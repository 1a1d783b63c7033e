import { InMemoryStore } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import { oneMessageState } from "../../../tests/helpers/graph-state.js";
import { ToolRegistry } from "../../../tools/registry.js";
import { createRememberPreferenceTool } from "../../../tools/preferences/tool.js";
import { readPreferences } from "../dialogue/preferences.js";
import { afterPreference, createRememberPreferenceNode } from "./remember-preference.js";

const rep = (text: string, actorId = "slack:T1:U1") => oneMessageState(text, { role: "rep", actorId, channel: "slack" });

describe("remember_preference", () => {
  it("stores a rep's region under their identity and acknowledges it", async () => {
    const store = new InMemoryStore();
    const node = createRememberPreferenceNode({ store, logger: silentLogger() });
    const out = await node(rep("my region is EMEA"));
    expect(out.reply).toBe("Noted — I'll use EMEA as your region. Ask “how's my pipeline?” or “how are my accounts doing?” any time.");
    expect(afterPreference({ ...rep(""), ...out } as never)).toBe("finish_turn");
    expect(await readPreferences(store, "demo", "slack:T1:U1")).toEqual({ region: "EMEA" });
    expect(await readPreferences(store, "demo", "slack:T1:U2")).toEqual({});
  });

  it("stores silently and routes on when the message also asks something, with the preferences in the turn", async () => {
    const store = new InMemoryStore();
    const node = createRememberPreferenceNode({ store, logger: silentLogger() });
    await node(rep("call me Sam"));
    const out = await node(rep("I own the Globex account — how is it doing?"));
    expect(out.reply).toBe("");
    expect(out.preferences).toEqual({ name: "Sam", accounts: ["Globex"] });
    expect(afterPreference({ ...rep(""), ...out } as never)).toBe("route_intent");
  });

  it("reads the preferences into every internal turn and leaves prospects alone", async () => {
    const store = new InMemoryStore();
    const node = createRememberPreferenceNode({ store, logger: silentLogger() });
    await node(rep("I prefer short answers"));
    expect((await node(rep("how's the pipeline?"))).preferences).toEqual({ answerStyle: "short" });
    expect(await node(oneMessageState("my region is EMEA"))).toEqual({ reply: "" });
    expect((await node(rep("what do you know about me?"))).reply).toMatch(/you prefer short answers/);
  });

  it("gives the agent a tool that stores for the caller named by the context, never by the input", async () => {
    const store = new InMemoryStore();
    const tools = new ToolRegistry([createRememberPreferenceTool({ store })]);
    const context = { actor: { id: "teams:alice", role: "manager" as const, tenant: "demo" }, channel: "teams" as const, conversationId: "c1" };
    const out = await tools.call("remember_preference", { region: "APAC", addAccounts: ["Initech"], actorId: "teams:bob" }, context);
    expect(out).toEqual({ stored: { region: "APAC", accounts: ["Initech"] } });
    expect(await readPreferences(store, "demo", "teams:alice")).toEqual({ region: "APAC", accounts: ["Initech"] });
    expect(await readPreferences(store, "demo", "teams:bob")).toEqual({});
    await expect(tools.call("remember_preference", { region: "APAC" }, { ...context, actor: { id: "+15550001", role: "prospect", tenant: "demo" } })).rejects.toThrow(/not available/);
  });
});
