import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { fakeEmbedding, startFakeOpenAi, type FakeOpenAi } from "./openai-server.js";

const KEY = "sk-test";
let fake: FakeOpenAi;

beforeEach(async () => {
  fake ??= await startFakeOpenAi({ apiKey: KEY, embeddingDimensions: 8 });
  fake.reset();
});
afterAll(async () => {
  await fake.close();
});

function post(path: string, body: unknown, key: string | null = KEY): Promise<Response> {
  return fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

// Wire bodies are loosely typed on purpose: the assertions are the schema.
async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}

const hello = { model: "m", messages: [{ role: "user", content: "hello" }] };

describe("fake OpenAI server", () => {
  it("rejects a request without a bearer token with a 401 OpenAI error", async () => {
    const res = await post("/chat/completions", hello, null);
    expect(res.status).toBe(401);
    expect(await json(res)).toMatchObject({ error: { code: "invalid_api_key" } });
  });

  it("rejects a wrong key", async () => {
    const res = await post("/chat/completions", hello, "sk-wrong");
    expect(res.status).toBe(401);
  });

  it("answers a scripted text as a chat.completion and records the body", async () => {
    fake.script({ text: "Hi there" });
    const res = await post("/chat/completions", hello);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "m",
      choices: [{ index: 0, message: { role: "assistant", content: "Hi there" }, finish_reason: "stop" }],
    });
    expect(body.usage.total_tokens).toBeGreaterThan(0);
    expect(fake.completions).toEqual([hello]);
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", authorization: `Bearer ${KEY}` });
  });

  it("gives every completion a unique id", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await json(post("/chat/completions", hello))).id);
    expect(ids.size).toBe(5);
  });

  it("answers a scripted tool call as message.tool_calls with finish_reason tool_calls", async () => {
    fake.script({ toolCalls: [{ name: "lookup", arguments: { q: "price" } }] });
    const body = await json(post("/chat/completions", { ...hello, tools: [], tool_choice: "auto" }));
    const choice = body.choices[0];
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      { id: expect.stringMatching(/^call-/), type: "function", function: { name: "lookup", arguments: '{"q":"price"}' } },
    ]);
  });

  it("uses the script first in first out, then the default responder", async () => {
    fake.script({ text: "one" }, { text: "two" });
    fake.respondWith((request) => ({ text: `default for ${request.messages.length} message(s)` }));
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) texts.push((await json(post("/chat/completions", hello))).choices[0].message.content);
    expect(texts).toEqual(["one", "two", "default for 1 message(s)"]);
    expect(fake.pending()).toBe(0);
  });

  it("answers a scripted error status with an OpenAI error body", async () => {
    fake.script({ status: 503, message: "overloaded" });
    const res = await post("/chat/completions", hello);
    expect(res.status).toBe(503);
    expect(await json(res)).toEqual({ error: { message: "overloaded", type: "server_error", param: null, code: null } });
  });

  it("holds a delayed answer back", async () => {
    fake.script({ text: "late", delayMs: 150 });
    const started = Date.now();
    await post("/chat/completions", hello);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("streams text and tool calls as SSE chunks ending in [DONE]", async () => {
    fake.script({ text: "Hello world again", toolCalls: [{ name: "lookup", arguments: { q: "x" }, id: "call_1" }] });
    const res = await post("/chat/completions", { ...hello, stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const lines = (await res.text()).split("\n\n").filter(Boolean);
    expect(lines.at(-1)).toBe("data: [DONE]");
    const events = lines.slice(0, -1).map((line) => JSON.parse(line.replace(/^data: /, "")));
    expect(new Set(events.map((e) => e.id)).size).toBe(1);
    expect(events.every((e) => e.object === "chat.completion.chunk")).toBe(true);
    const deltas = events.flatMap((e) => e.choices.map((c: { delta: Record<string, unknown> }) => c.delta));
    expect(deltas.map((d) => d.content ?? "").join("")).toBe("Hello world again");
    const args = deltas.flatMap((d) => (d.tool_calls as Array<{ function: { arguments: string } }>) ?? []);
    expect(args.map((t) => t.function.arguments).join("")).toBe('{"q":"x"}');
    expect(events.find((e) => e.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe("tool_calls");
    expect(events.at(-1).usage.total_tokens).toBeGreaterThan(0);
  });

  it("lists models", async () => {
    const res = await fetch(`${fake.url}/models`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(await json(res)).toEqual({
      object: "list",
      data: [{ id: "fake-model", object: "model", created: 0, owned_by: "fake" }],
    });
  });

  it("returns deterministic, normalised embeddings of the configured dimension", async () => {
    const body = await json(post("/embeddings", { model: "e", input: ["pricing plans", "pricing plans", "opt out"] }));
    const [a, b, c] = body.data.map((d: { embedding: number[] }) => d.embedding);
    expect(a).toHaveLength(8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(Math.hypot(...a)).toBeCloseTo(1, 6);
    const custom = await json(post("/embeddings", { input: "x", dimensions: 3 }));
    expect(custom.data[0].embedding).toHaveLength(3);
  });

  it("encodes embeddings as little-endian float32 base64 when asked, as the SDK does", async () => {
    const body = await json(post("/embeddings", { input: "pricing plans", encoding_format: "base64" }));
    const bytes = Buffer.from(body.data[0].embedding, "base64");
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    fakeEmbedding("pricing plans", 8).forEach((value, i) => expect(decoded[i]).toBeCloseTo(value, 6));
  });

  it("answers 400 to malformed JSON and 404 to unknown routes", async () => {
    const bad = await fetch(`${fake.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    expect((await post("/nowhere", {})).status).toBe(404);
  });
});
