import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import { createConversationHandler, threadIdOf } from "../../src/app/conversation-handler.js";
import type { InboundMessage } from "../../src/core/ports.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const kinds = await databaseKinds();

describe.each(kinds)("one turn, one record on %s", (kind) => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemoData(db.pool);
    app = await startTestApp(db);
  });

  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it("strips a NUL byte and other control characters instead of failing with 500", async () => {
    const res = await app.post("/api/chat", { text: "hello\u0000 there\u0007\u001b[31m" });
    expect(res.status).toBe(200);
    const history = await app.get(`/api/chat/${res.body.conversationId}`);
    expect(history.body.messages[0].text).toBe("hello there[31m");
  });

  it("refuses a lone surrogate and text that is only control characters with 400", async () => {
    const lone = await app.post("/api/chat", '{"text":"hi \\ud800 there"}');
    expect(lone).toMatchObject({ status: 400, body: { reason: expect.stringMatching(/lone UTF-16 surrogate/) } });
    expect((await app.post("/api/chat", { text: "\u0000\u0000" })).status).toBe(400);
    const streamed = await app.post("/api/chat/stream", '{"text":"\\udc00"}');
    expect(streamed.status).toBe(400);
  });

  it("keeps whole tool outputs out of the checkpoint (names and ok flags stay)", async () => {
    const res = await app.post("/api/chat", { text: "Is there a free trial? And what does the Pro plan cost?" });
    expect(res.status).toBe(200);
    const state = await app.container.graph.getState({ configurable: { thread_id: `web:${res.body.conversationId}` } });
    const results = (state.values.toolResults ?? []) as { tool: string; ok: boolean; output?: unknown }[];
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.output).toBeUndefined();
    const kinds = (state.values.messages as { getType(): string }[]).map((m) => m.getType());
    expect(kinds).not.toContain("tool");
  });

  it("logs a turn's message before its reply, in one statement", async () => {
    const res = await app.post("/api/chat", { text: "hello again" });
    const history = await app.get(`/api/chat/${res.body.conversationId}`);
    expect(history.body.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    const conversation = (await app.container.repos.conversations.find("web", res.body.conversationId))!;
    await app.container.repos.conversations.appendTurn(conversation.id, { userText: "silent turn", replyText: "", intent: "opt_out", at: new Date() });
    const log = await app.container.repos.conversations.messages(conversation.id);
    expect(log.map((m) => [m.sender, m.text]).at(-1)).toEqual(["user", "silent turn"]);
    expect((await app.container.repos.conversations.find("web", res.body.conversationId))!.lastIntent).toBe("opt_out");
  });

  it("rolls the checkpoint back when the message log cannot be written, so both agree", async () => {
    const real = app.container.repos.conversations;
    let failing = true;
    const conversations = {
      ...real,
      appendTurn: async (...args: Parameters<typeof real.appendTurn>) => {
        if (failing) throw new Error("forced: messages insert failed");
        return real.appendTurn(...args);
      },
    };
    const handler = createConversationHandler({
      graph: app.container.graph,
      conversations,
      clock: systemClock,
      logger: silentLogger(),
    });
    const message = (text: string): InboundMessage => ({
      channel: "web",
      conversationId: `integrity-${kind}`,
      actor: { id: `integrity-${kind}`, role: "prospect", tenant: "demo" },
      text,
    });
    const thread = { configurable: { thread_id: threadIdOf(message("")) } };
    const agree = async () => {
      const conversation = (await real.find("web", `integrity-${kind}`))!;
      const logged = await real.messages(conversation.id);
      const state = await app.container.graph.getState(thread);
      const checkpointed = ((state.values.messages ?? []) as { content: unknown }[]).map((m) => String(m.content));
      expect(checkpointed).toEqual(logged.map((m) => m.text));
      return logged.length;
    };

    // a first turn that cannot be logged leaves no checkpoint at all
    await expect(handler(message("hello"))).rejects.toThrow(/forced/);
    expect(await agree()).toBe(0);

    failing = false;
    await handler(message("hello again"));
    expect(await agree()).toBe(2);

    // a later turn that cannot be logged leaves the checkpoint of the turn before
    failing = true;
    await expect(handler(message("who are you?"))).rejects.toThrow(/forced/);
    expect(await agree()).toBe(2);

    failing = false;
    await handler(message("thanks"));
    expect(await agree()).toBe(4);
  });
});
