import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/core/config.js";
import { ConfigError } from "../../src/core/errors.js";

describe("loadConfig", () => {
  it("defaults to the embedded database and the local language mode", () => {
    const config = loadConfig({});
    expect(config.database.url).toBeUndefined();
    expect(config.llm.provider).toBe("local");
    expect(config.server.port).toBe(3000);
    expect(config.approvalRequired).toBe(true);
  });

  it("uses the OpenAI-compatible provider when a key is given", () => {
    const config = loadConfig({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://127.0.0.1:9999/v1" });
    expect(config.llm).toMatchObject({ provider: "openai", apiKey: "sk-test", baseUrl: "http://127.0.0.1:9999/v1" });
  });

  it("stops with a one-line reason naming the variable", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/^PORT: .*\(got 'eighty'\)$/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/^DATABASE_URL: /);
    expect(() => loadConfig({ LLM_PROVIDER: "openai" })).toThrow(/^OPENAI_API_KEY: /);
    expect(() => loadConfig({ APPROVAL_REQUIRED: "maybe" })).toThrow(/^APPROVAL_REQUIRED: /);
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(loadConfig({ DATABASE_URL: "" }).database.url).toBeUndefined();
  });
});
