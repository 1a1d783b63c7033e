import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAi } from "../fakes/openai-server.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

/**
 * The whole app in LLM mode against a fake OpenAI-compatible server that is slow on purpose: the graph
 * routes with the model's structured answer, and SIGTERM-style shutdown lets the slow turn finish.
 */
const KEY = "sk-graph-test";
const ROUTE_DELAY_MS = 700;

describe("graph in LLM mode, and graceful shutdown with a turn in flight", () => {
  let fake: FakeOpenAi;
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeOpenAi({
      apiKey: KEY,
      respond: (request) =>
        request.tools?.some((t: any) => t.function?.name === "route_intent")
          ? { toolCalls: [{ name: "route_intent", arguments: { intent: "human_handoff" } }], delayMs: ROUTE_DELAY_MS }
          : { text: "Sure — someone from our team will join shortly." },
    });
    db = await openTestDatabase("pglite");
    app = await startTestApp(db, { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: "5000" });
  });

  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await fake?.close();
  });

  it("routes with the model's structured answer when an LLM is configured", async () => {
    // the local classifier would call this smalltalk; the (scripted) model says hand-off
    const res = await app.post("/api/chat", { text: "hello there" });
    expect(res.status).toBe(200);
    expect(res.body.intent).toBe("human_handoff");
    const routed = fake.completions.find((c) => c.tools?.some((t: any) => t.function?.name === "route_intent"));
    expect(JSON.stringify(routed?.messages)).toContain("hello there");
  });

  it("finishes the turn in flight before shutting down, and writes all of it", async () => {
    const inFlight = app.post("/api/chat", { text: "I need a person please" });
    await new Promise((r) => setTimeout(r, ROUTE_DELAY_MS / 3));
    const shutdown = app.server.shutdown();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.reply).toMatch(/HO-[0-9A-F]{6}/);
    await shutdown;
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
    const { rows } = await db.pool.query(
      `select m.sender from messages m join conversations c on c.id = m.conversation_id
        where c.external_id = $1 order by m.id`,
      [res.body.conversationId],
    );
    expect(rows.map((r) => r.sender)).toEqual(["user", "assistant"]);
  });
});
