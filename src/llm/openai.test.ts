import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAi } from "../../tests/fakes/openai-server.js";
import { PROSPECT_INTENTS, type Intent } from "../core/domain.js";
import { createLogger } from "../core/logger.js";
import { createOpenAiProvider, type OpenAiProviderOptions } from "./openai.js";

const KEY = "sk-test";
let fake: FakeOpenAi;
let logLines: string[];

beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: KEY });
});
beforeEach(() => {
  fake.reset();
  logLines = [];
});
afterAll(async () => {
  await fake.close();
});

function provider(overrides: Partial<OpenAiProviderOptions> = {}) {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  return createOpenAiProvider({
    apiKey: KEY,
    baseUrl: fake.url,
    model: "fake-model",
    timeoutMs: 2_000,
    maxRetries: 0,
    logger: createLogger({ level: "debug", destination }),
    ...overrides,
  });
}

const routeTo = (intent: string) => ({ toolCalls: [{ name: "route_intent", arguments: { intent } }] });
const question = "How much does the Pro plan cost for 20 seats?";

describe("openai provider: routeIntent", () => {
  it("returns the intent the model picks through function calling, constrained to the allowed enum", async () => {
    fake.script(routeTo("pricing"));
    expect(await provider().routeIntent({ text: question, allowed: PROSPECT_INTENTS, history: ["Hi", "Hello!"] })).toBe("pricing");

    const [request] = fake.completions;
    expect(request!.model).toBe("fake-model");
    expect(request!.tool_choice).toEqual({ type: "function", function: { name: "route_intent" } });
    expect(request!.tools).toHaveLength(1);
    const fn = request!.tools![0]!.function;
    expect(fn.name).toBe("route_intent");
    expect(fn.parameters).toMatchObject({
      type: "object",
      properties: { intent: { type: "string", enum: [...PROSPECT_INTENTS] } },
      required: ["intent"],
    });
    const system = String(request!.messages[0]!.content);
    for (const intent of PROSPECT_INTENTS) expect(system).toContain(`- ${intent}: `);
    expect(system).not.toContain("deal_insight");
    expect(String(request!.messages[1]!.content)).toContain(question);
    expect(String(request!.messages[1]!.content)).toContain("- Hello!");
  });

  it("returns undefined when the server answers 500", async () => {
    fake.script({ status: 500, message: "boom" });
    expect(await provider().routeIntent({ text: question, allowed: PROSPECT_INTENTS })).toBeUndefined();
    expect(JSON.parse(logLines[0]!)).toMatchObject({ level: 40, msg: expect.stringContaining("llm routing failed"), err: { status: 500 } });
  });

  it("retries once by default, so one transient 500 still routes", async () => {
    fake.script({ status: 500 }, routeTo("demo_request"));
    const routed = await provider({ maxRetries: undefined, timeoutMs: 10_000 }).routeIntent({ text: "book a demo", allowed: PROSPECT_INTENTS });
    expect(routed).toBe("demo_request");
    expect(fake.completions).toHaveLength(2);
  });

  it("returns undefined when the model picks an intent outside the allowed ones", async () => {
    fake.script(routeTo("deal_insight"));
    expect(await provider().routeIntent({ text: "show me the Acme deal", allowed: PROSPECT_INTENTS })).toBeUndefined();
    expect(JSON.parse(logLines[0]!)).toMatchObject({ level: 40, reason: "intent_not_allowed", intent: "deal_insight" });
  });

  it("returns undefined when the model answers in text instead of calling the function", async () => {
    fake.script({ text: "pricing" });
    expect(await provider().routeIntent({ text: question, allowed: PROSPECT_INTENTS })).toBeUndefined();
    expect(JSON.parse(logLines[0]!)).toMatchObject({ level: 40, reason: "no_function_call" });
  });

  it("returns undefined when the function arguments are not valid JSON", async () => {
    fake.script({ toolCalls: [{ name: "route_intent", arguments: '{"intent": "pric' }] });
    expect(await provider().routeIntent({ text: question, allowed: PROSPECT_INTENTS })).toBeUndefined();
    expect(JSON.parse(logLines[0]!)).toMatchObject({ level: 40, reason: "invalid_arguments" });
  });

  it("returns undefined within the timeout when the server is too slow", async () => {
    fake.script({ ...routeTo("pricing"), delayMs: 3_000 });
    const started = Date.now();
    expect(await provider({ timeoutMs: 200, maxRetries: 1 }).routeIntent({ text: question, allowed: PROSPECT_INTENTS })).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("returns undefined when the key is rejected", async () => {
    expect(await provider({ apiKey: "sk-wrong" }).routeIntent({ text: question, allowed: PROSPECT_INTENTS })).toBeUndefined();
  });

  it("never logs the user's message", async () => {
    fake.script({ status: 500 }, routeTo("deal_insight"));
    const p = provider();
    await p.routeIntent({ text: "secret-words jane@example.com", allowed: PROSPECT_INTENTS });
    await p.routeIntent({ text: "secret-words jane@example.com", allowed: PROSPECT_INTENTS });
    expect(logLines.length).toBeGreaterThanOrEqual(2);
    expect(logLines.join("")).not.toMatch(/secret-words|jane@example/);
    expect(logLines.every((line) => JSON.parse(line).level === 40)).toBe(true);
  });

  it("does not call the model when nothing is allowed", async () => {
    expect(await provider().routeIntent({ text: question, allowed: [] as Intent[] })).toBeUndefined();
    expect(fake.completions).toHaveLength(0);
  });
});

describe("openai provider: phrase", () => {
  const draft = "The Pro plan costs $49 per user per month [1]. Annual billing saves 15% [2].";
  const request = { instruction: "Answer the prospect warmly; keep citations [n]", draft, facts: "[1] Pricing page\n[2] Billing FAQ" };

  it("returns the model's rewording and sends instruction, facts and draft", async () => {
    fake.script({ text: "Pro is $49 per user each month [1], and paying yearly saves you 15% [2]." });
    expect(await provider().phrase(request)).toBe("Pro is $49 per user each month [1], and paying yearly saves you 15% [2].");
    const human = String(fake.completions[0]!.messages[1]!.content);
    expect(human).toContain(request.instruction);
    expect(human).toContain("[2] Billing FAQ");
    expect(human).toContain(draft);
    expect(fake.completions[0]!.tools).toBeUndefined();
  });

  it("falls back to the draft on a server error", async () => {
    fake.script({ status: 503 });
    expect(await provider().phrase(request)).toBe(draft);
  });

  it("falls back to the draft on an empty answer", async () => {
    fake.script({ text: "" });
    expect(await provider().phrase(request)).toBe(draft);
  });

  it("falls back to the draft when the answer drops every citation", async () => {
    fake.script({ text: "Pro is $49 per user a month and yearly billing saves 15%." });
    expect(await provider().phrase(request)).toBe(draft);
    expect(logLines.join("")).toContain("citations_dropped");
  });

  it("falls back to the draft when the answer is too slow", async () => {
    fake.script({ text: "late [1]", delayMs: 3_000 });
    expect(await provider({ timeoutMs: 200 }).phrase(request)).toBe(draft);
  });

  it("drops a reasoning model's think block", async () => {
    fake.script({ text: "<think>be brief</think>Pro is $49 per user a month [1]." });
    expect(await provider().phrase(request)).toBe("Pro is $49 per user a month [1].");
  });
});
