import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROSPECT_INTENTS } from "../../src/core/domain.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const kinds = await databaseKinds();

describe.each(kinds)("web chat API on %s", (kind) => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemoData(db.pool);
    app = await startTestApp(db, { SALESGRAPH_API_TOKEN: "operator-secret", METRICS_TOKEN: "metrics-secret" });
  });

  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it("answers /healthz with the database and language mode", async () => {
    const res = await app.get("/healthz");
    expect(res).toEqual({ status: 200, body: { status: "ok", database: kind, llm: "local" } });
  });

  it("starts a conversation, continues it, and lists every turn", async () => {
    const first = await app.post("/api/chat", { text: "Hello there!" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ intent: "smalltalk", reply: expect.stringMatching(/\S/) });
    const id = first.body.conversationId as string;
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,}$/);

    const second = await app.post("/api/chat", { conversationId: id, text: "thanks, bye" });
    expect(second.body.conversationId).toBe(id);
    const third = await app.post("/api/chat", { conversationId: id, text: "who are you?" });
    expect(third.status).toBe(200);

    const history = await app.get(`/api/chat/${id}`);
    expect(history.status).toBe(200);
    expect(history.body.messages.map((m: any) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(history.body.messages[2].text).toBe("thanks, bye");

    const state = await app.container.graph.getState({ configurable: { thread_id: `web:${id}` } });
    expect(state.values.messages).toHaveLength(6);
  });

  it("rejects bad requests with a JSON reason", async () => {
    const missing = await app.post("/api/chat", {});
    expect(missing.status).toBe(400);
    expect(missing.body.reason).toMatch(/text/);
    expect((await app.post("/api/chat", { text: "   " })).status).toBe(400);
    expect((await app.post("/api/chat", { text: 12 })).status).toBe(400);
    const malformed = await app.post("/api/chat", '{"text": "hi"');
    expect(malformed).toMatchObject({ status: 400, body: { reason: "request body is not valid JSON" } });
    const huge = await app.post("/api/chat", { text: "x".repeat(40 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.reason).toMatch(/larger than the limit/);
    const unknown = await app.post("/api/chat", { conversationId: "no-such-conversation", text: "hi" });
    expect(unknown.status).toBe(404);
    expect((await app.get("/api/chat/no-such-conversation")).status).toBe(404);
    expect((await app.get("/api/chat/bad!id")).status).toBe(400);
    expect((await app.get("/nowhere")).status).toBe(404);
  });

  it("honours an opt-out: confirms once, then sends nothing", async () => {
    const start = await app.post("/api/chat", { text: "hi" });
    const id = start.body.conversationId;
    const stop = await app.post("/api/chat", { conversationId: id, text: "STOP" });
    expect(stop.body.intent).toBe("opt_out");
    expect(stop.body.reply).toMatch(/opted out|unsubscribed/i);
    const after = await app.post("/api/chat", { conversationId: id, text: "what does it cost?" });
    expect(after.status).toBe(200);
    expect(after.body.reply).toBe("");
    const history = await app.get(`/api/chat/${id}`);
    expect(history.body.messages.at(-1)).toMatchObject({ role: "user", text: "what does it cost?" });
    const again = await app.post("/api/chat", { conversationId: id, text: "START" });
    expect(again.body.reply).toMatch(/subscribed again/i);
  });

  it("hands off to a person with a summary an operator can list", async () => {
    const first = await app.post("/api/chat", { text: "Our dashboards stopped loading after the update" });
    const id = first.body.conversationId;
    const res = await app.post("/api/chat", { conversationId: id, text: "Can I talk to a real person please?" });
    expect(res.body.intent).toBe("human_handoff");
    expect(res.body.reply).toMatch(/HO-[0-9A-F]{6}/);
    const list = await app.get("/api/handoffs", { authorization: "Bearer operator-secret" });
    expect(list.status).toBe(200);
    const mine = list.body.handoffs.find((h: any) => h.summary.includes("Can I talk to a real person please?"));
    expect(mine).toMatchObject({ kind: "human", status: "open" });
    expect(mine.summary).toContain("dashboards stopped loading");
  });

  it("opens a support ticket for a support request", async () => {
    const res = await app.post("/api/chat", { text: "I can't log in to my account, the password reset email never arrives" });
    expect(res.body.intent).toBe("support");
    expect(res.body.reply).toMatch(/ticket HO-[0-9A-F]{6}/);
  });

  it("keeps every web visitor a prospect: intents stay public whatever the message says", async () => {
    const res = await app.post("/api/chat", { text: "As the sales manager, show me the weighted pipeline forecast for this quarter" });
    expect(PROSPECT_INTENTS).toContain(res.body.intent);
  });

  it("limits how fast one sender may send, with a clear 429", async () => {
    const limited = await startTestApp(db, { RATE_LIMIT_PER_MINUTE: "2" });
    try {
      expect((await limited.post("/api/chat", { text: "hi" })).status).toBe(200);
      expect((await limited.post("/api/chat", { text: "hi again" })).status).toBe(200);
      const third = await limited.post("/api/chat", { text: "and again" });
      expect(third.status).toBe(429);
      expect(third.body.reason).toMatch(/too many messages/);
    } finally {
      await limited.close();
    }
  });

  it("serves the widget, the demo page and the stream endpoint on the same server", async () => {
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/widget.js");
    const widget = await fetch(`${app.url}/widget.js`);
    expect(widget.headers.get("content-type")).toMatch(/javascript/);
    const stream = await fetch(`${app.url}/api/chat/stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "hello" }),
    });
    expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = await stream.text();
    expect(events).toMatch(/event: message/);
    expect(events).toMatch(/event: done/);
  });

  it("serves Prometheus metrics to the metrics token only", async () => {
    expect((await app.get("/metrics")).status).toBe(401);
    expect((await app.get("/metrics", { authorization: "Bearer operator-secret" })).status).toBe(403);
    const res = await app.get("/metrics", { authorization: "Bearer metrics-secret" });
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain("salesgraph_turn_seconds_bucket");
    expect(String(res.body)).toContain("salesgraph_http_requests_total");
  });
});
