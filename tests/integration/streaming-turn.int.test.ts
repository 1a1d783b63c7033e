import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderBlocks } from "../../channels/slack/render-blocks.js";
import { createWebChatStreamRoutes } from "../../channels/web/sse-routes.js";
import { createConversationHandler } from "../../src/app/conversation-handler.js";
import { systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import type { InboundMessage, OutboundMessage, TurnEvent } from "../../src/core/ports.js";
import { createConversationsRepo } from "../../src/infra/postgres/conversations-repo.js";
import { createOpenAiProvider } from "../../src/llm/openai.js";
import { startFakeOpenAi, type FakeOpenAi } from "../fakes/openai-server.js";
import { startFakeSlackApi } from "../fakes/slack-api.js";
import { startSlackStreamHarness } from "../helpers/slack-stream-harness.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { buildStreamingTestGraph, DETERMINISTIC_ANSWER, FOLLOW_UP, STATUS_LINE } from "../helpers/streaming-graph.js";

let db: TestDatabase;
let openai: FakeOpenAi;

beforeAll(async () => {
  db = await openTestDatabase("pglite");
  openai = await startFakeOpenAi();
});
afterAll(async () => {
  await openai?.close();
  await db?.dispose();
});
beforeEach(() => openai.reset());

const ROUTING_WORDS = "ROUTING-SECRET deal_insight";

function handlerFor(options: { callTimeoutMs?: number; turnTimeoutMs?: number } = {}) {
  const llm = createOpenAiProvider({ apiKey: "sk-test", baseUrl: openai.url, model: "fake-model", timeoutMs: 10_000, maxRetries: 0 });
  const graph = buildStreamingTestGraph(llm.chatModel!, { callTimeoutMs: options.callTimeoutMs ?? 5000, followUp: true });
  return createConversationHandler({
    graph,
    conversations: createConversationsRepo(db.pool),
    clock: systemClock,
    logger: silentLogger(),
    ...(options.turnTimeoutMs ? { turnTimeoutMs: options.turnTimeoutMs } : {}),
  });
}

let sequence = 0;
function rep(text: string): InboundMessage {
  sequence += 1;
  return { channel: "slack", conversationId: `C1:${sequence}`, actor: { id: "slack:T1:U1", role: "rep", tenant: "demo" }, text };
}

/** Reads a stream to its end; the draft follows the TurnEvent rule. */
async function collect(events: AsyncIterable<TurnEvent>) {
  const seen: TurnEvent[] = [];
  let draft = "";
  let final: OutboundMessage[] | undefined;
  for await (const event of events) {
    seen.push(event);
    if (event.type === "token") draft += event.text;
    if (event.type === "replace") draft = event.text;
    if (event.type === "final") final = event.messages;
  }
  return { seen, draft, final: final!, tokens: seen.filter((e) => e.type === "token").map((e) => e.text) };
}

describe("ConversationHandler.stream over a graph whose answer node streams", () => {
  it("streams progress and the model's answer tokens, never the routing call, and ends as the non-streaming form", async () => {
    const handler = handlerFor();
    const answer = "Globex is in Negotiation, 60% likely to close this quarter.";
    openai.script({ text: ROUTING_WORDS }, { text: answer, stream: { chunkDelayMs: 5 } });
    const streamed = await collect(handler.stream(rep("how is the Globex deal going?")));

    const finalText = `${answer}\n\n${FOLLOW_UP}`;
    expect(streamed.seen[0]).toEqual({ type: "status", text: STATUS_LINE });
    expect(streamed.seen.at(-1)).toMatchObject({ type: "final", messages: [{ text: finalText, intent: "deal_insight" }] });
    // The model's pieces as they came; the follow-up the last node added comes with the final message.
    expect(streamed.tokens.length).toBeGreaterThan(5);
    expect(streamed.draft).toBe(answer);
    expect(streamed.seen.some((e) => e.type === "replace")).toBe(false);
    expect(JSON.stringify(streamed.seen)).not.toContain("ROUTING-SECRET");
    // The answer was asked for as a stream on the wire.
    expect(openai.completions[1]!.stream).toBe(true);

    openai.script({ text: ROUTING_WORDS }, { text: answer });
    const plain = await handler(rep("how is the Globex deal going?"));
    expect(plain).toEqual([{ ...streamed.final[0], conversationId: plain[0]!.conversationId }]);
  });

  it("replaces streamed words a guard rejected with the final answer", async () => {
    const handler = handlerFor();
    openai.script({ text: ROUTING_WORDS }, { text: "Globex signs for $999,999 tomorrow." });
    const streamed = await collect(handler.stream(rep("how is Globex?")));
    const finalText = `${DETERMINISTIC_ANSWER}\n\n${FOLLOW_UP}`;
    expect(streamed.tokens.join("")).toContain("$999,999");
    const replace = streamed.seen.findIndex((e) => e.type === "replace");
    expect(streamed.seen[replace]).toEqual({ type: "replace", text: finalText });
    expect(streamed.seen.slice(replace + 1).map((e) => e.type)).toEqual(["final"]);
    expect(streamed.draft).toBe(finalText);
  });

  it("falls back to the deterministic answer when the model stalls mid-stream", async () => {
    const handler = handlerFor({ callTimeoutMs: 300 });
    openai.script({ text: ROUTING_WORDS }, { text: "Globex is in Negotiation and", stream: { stallAfterChunks: 2 } });
    const started = Date.now();
    const streamed = await collect(handler.stream(rep("how is Globex?")));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(streamed.tokens.slice(0, 2)).toEqual(["Globex ", "is "]);
    expect(streamed.seen.at(-2)).toEqual({ type: "replace", text: `${DETERMINISTIC_ANSWER}\n\n${FOLLOW_UP}` });
    expect(streamed.final[0]!.text).toBe(`${DETERMINISTIC_ANSWER}\n\n${FOLLOW_UP}`);
  });

  it("fails the stream, not hangs it, when the whole turn runs past its budget", async () => {
    const handler = handlerFor({ callTimeoutMs: 60_000, turnTimeoutMs: 400 });
    openai.script({ text: ROUTING_WORDS }, { text: "Globex is in Negotiation and", stream: { stallAfterChunks: 1 } });
    const started = Date.now();
    await expect(collect(handler.stream(rep("how is Globex?")))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    await handler.drain();
  });

  it("finishes and records the turn when the reader stops early", async () => {
    const handler = handlerFor();
    const conversations = createConversationsRepo(db.pool);
    openai.script({ text: ROUTING_WORDS }, { text: "Globex is in Negotiation.", stream: { chunkDelayMs: 20 } });
    const message = rep("how is Globex?");
    for await (const event of handler.stream(message)) if (event.type === "token") break;
    await handler.drain();
    const row = await conversations.find("slack", message.conversationId);
    const log = await conversations.messages(row!.id);
    expect(log.map((m) => [m.sender, m.text])).toEqual([
      ["user", "how is Globex?"],
      ["assistant", `Globex is in Negotiation.\n\n${FOLLOW_UP}`],
    ]);
  });
});

describe("a streamed turn over the wire", () => {
  const answer = "Globex is in Negotiation, 60% likely to close this quarter; the champion left last week.";

  it("reaches an SSE client token by token, as the model writes", async () => {
    const handler = handlerFor();
    const conversations = createConversationsRepo(db.pool);
    const app = express();
    app.use(
      createWebChatStreamRoutes({
        handler,
        conversationExists: async (id) => (await conversations.find("web", id)) !== undefined,
        tenant: "demo",
        logger: silentLogger(),
      }),
    );
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      openai.script({ text: ROUTING_WORDS }, { text: answer, stream: { chunkDelayMs: 40 } });
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat/stream`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "how is the Globex deal going?" }),
      });
      // Read events as they arrive, with their arrival times.
      const events: Array<{ event: string; data: any; at: number }> = [];
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of res.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) events.push({ event: name, data: JSON.parse(data), at: Date.now() });
        }
      }
      const names = events.map((e) => e.event);
      expect(names.slice(0, 3)).toEqual(["conversation", "typing", "status"]);
      expect(events[2]!.data).toEqual({ text: STATUS_LINE });
      expect(names.slice(-2)).toEqual(["message", "done"]);
      const deltas = events.filter((e) => e.event === "delta");
      expect(deltas.length).toBeGreaterThan(8);
      const message = events.at(-2)!;
      expect(deltas.map((d) => d.data.text).join("")).toBe(message.data.text);
      expect(message.data.text).toBe(`${answer}\n\n${FOLLOW_UP}`);
      // Streamed, not replayed: the first words arrived well before the model had finished.
      expect(message.at - deltas[0]!.at).toBeGreaterThan(200);
      expect(JSON.stringify(events)).not.toContain("ROUTING-SECRET");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("reaches a Slack thread as one message updated in place", async () => {
    const slack = await startFakeSlackApi();
    const harness = await startSlackStreamHarness(slack, handlerFor(), { firstAfterMs: 50, intervalMs: 150 });
    try {
      openai.script({ text: ROUTING_WORDS }, { text: answer, stream: { chunkDelayMs: 40 } });
      await harness.mention("how is the Globex deal going?");
      await slack.waitFor("chat.postMessage");
      const finalText = `${answer}\n\n${FOLLOW_UP}`;
      const expected = renderBlocks({ conversationId: "x", text: finalText, intent: "deal_insight" });
      await harness.close();
      const updates = slack.callsTo("chat.update");
      expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
      expect(updates.length).toBeGreaterThanOrEqual(3);
      // The draft grew in place: some updates show part of the model's answer…
      expect(updates.some((u) => u.body.text.endsWith(" …") && u.body.text.length < answer.length)).toBe(true);
      // …and the message ends as the turn's answer, in Block Kit.
      expect(updates.at(-1)!.body).toMatchObject({ text: expected.text, blocks: expected.blocks });
      expect([...slack.messages.values()].map((m) => m.text)).toEqual([expected.text]);
      expect(JSON.stringify(slack.calls)).not.toContain("ROUTING-SECRET");
    } finally {
      await harness.close();
      await slack.close();
    }
  });
});
