import { describe, expect, it } from "vitest";
import { ConfigError } from "../core/errors.js";
import { createLlmProvider } from "./index.js";

const base = { model: "gpt-4o-mini", timeoutMs: 1_000 };

describe("createLlmProvider", () => {
  it("builds the local provider for provider=local", () => {
    expect(createLlmProvider({ ...base, provider: "local" }).kind).toBe("local");
  });

  it("builds the openai provider with a chat model for provider=openai", () => {
    const provider = createLlmProvider({ ...base, provider: "openai", apiKey: "sk-x", baseUrl: "http://127.0.0.1:9/v1" });
    expect(provider.kind).toBe("openai");
    expect(provider.chatModel).toBeDefined();
  });

  it("refuses provider=openai without a key", () => {
    expect(() => createLlmProvider({ ...base, provider: "openai" })).toThrow(ConfigError);
  });
});
