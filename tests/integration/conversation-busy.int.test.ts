import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { startFakeOpenAi, type FakeOpenAi } from "../fakes/openai-server.js";

const KEY = "sk-busy";

/** A second message to a conversation whose turn takes longer than TURN_LOCK_TIMEOUT_MS gets a clear 409. */
describe("a conversation busy with a slow turn", () => {
  let fake: FakeOpenAi;
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeOpenAi({
      apiKey: KEY,
      respond: (request) =>
        request.tools?.some((t: any) => t.function?.name === "route_intent")
          ? { toolCalls: [{ name: "route_intent", arguments: { intent: "smalltalk" } }], delayMs: 1_500 }
          : { text: "Hello." },
    });
    db = await openTestDatabase("pglite");
    app = await startTestApp(db, { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: "5000", TURN_LOCK_TIMEOUT_MS: "300" });
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await fake?.close();
  });

  it("answers 409 conversation_busy with Retry-After, and the first turn completes", async () => {
    const start = await app.post("/api/chat", { text: "hi" });
    const id = start.body.conversationId as string;
    const slow = app.post("/api/chat", { conversationId: id, text: "first" });
    // wait until the first turn is inside the model call, then send the second
    const deadline = Date.now() + 5_000;
    const routed = () => fake.completions.filter((c) => JSON.stringify(c.messages).includes("first")).length;
    while (routed() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const res = await fetch(`${app.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ conversationId: id, text: "second" }) });
    expect(res.status).toBe(409);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toMatchObject({ error: "conversation_busy" });
    // the stream has already answered 200 when the lock times out: the refusal comes as its error event
    const stream = await fetch(`${app.url}/api/chat/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ conversationId: id, text: "third" }) });
    expect(await stream.text()).toMatch(/event: error\ndata: \{"error":"conversation_busy"/);
    expect((await slow).status).toBe(200);
    const log = await app.get(`/api/chat/${id}`);
    expect(log.body.messages.filter((m: any) => m.role === "user").map((m: any) => m.text)).toEqual(["hi", "first"]);
  });
});
