import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/core/config.js";
import { PROSPECT_INTENTS } from "../../src/core/domain.js";
import { createLlmProvider } from "../../src/llm/index.js";
import { startFakeOpenAi, type FakeOpenAi } from "../fakes/openai-server.js";

const KEY = "sk-int-test";
let fake: FakeOpenAi;

beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: KEY, models: ["qwen2.5-7b-instruct"] });
});
afterAll(async () => {
  await fake.close();
});

function configFor(env: Record<string, string>) {
  return loadConfig({ OPENAI_BASE_URL: fake.url, LLM_MODEL: "qwen2.5-7b-instruct", LLM_TIMEOUT_MS: "2000", ...env });
}

describe("LLM provider from configuration against an OpenAI-compatible server", () => {
  it("picks openai when a key is set and routes and phrases through the configured endpoint", async () => {
    const provider = createLlmProvider(configFor({ OPENAI_API_KEY: KEY }).llm);
    expect(provider.kind).toBe("openai");

    fake.script({ toolCalls: [{ name: "route_intent", arguments: { intent: "demo_request" } }] }, { text: "Happy to set up a demo [1]." });
    expect(await provider.routeIntent({ text: "Can we get a demo next week?", allowed: PROSPECT_INTENTS })).toBe("demo_request");
    expect(await provider.phrase({ instruction: "Confirm warmly", draft: "A demo can be booked [1]." })).toBe("Happy to set up a demo [1].");

    const chats = fake.requests.filter((r) => r.path === "/v1/chat/completions");
    expect(chats).toHaveLength(2);
    expect(chats.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(fake.completions.every((body) => body.model === "qwen2.5-7b-instruct")).toBe(true);
  });

  it("falls back to local behaviour when the endpoint rejects the key", async () => {
    const provider = createLlmProvider(configFor({ OPENAI_API_KEY: "sk-revoked" }).llm);
    expect(await provider.routeIntent({ text: "pricing?", allowed: PROSPECT_INTENTS })).toBeUndefined();
    expect(await provider.phrase({ instruction: "x", draft: "Plain draft [1]." })).toBe("Plain draft [1].");
  });

  it("picks local when no key is configured", () => {
    expect(createLlmProvider(configFor({}).llm).kind).toBe("local");
  });
});
