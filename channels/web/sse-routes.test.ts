import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { errorHandler } from "../../src/app/http-errors.js";
import { silentLogger } from "../../src/core/logger.js";
import type { InboundMessage, OutboundMessage, StreamingConversationHandler, TurnEvent } from "../../src/core/ports.js";
import { fixedClock } from "../../src/core/clock.js";
import { createRateLimiter } from "../shared/rate-limiter.js";
import { createWebChatStreamRoutes, type WebChatStreamDeps } from "./sse-routes.js";
import { createWebStaticRoutes } from "./static-routes.js";

interface Harness {
  url: string;
  received: InboundMessage[];
  known: Set<string>;
  reply: (m: InboundMessage) => Promise<OutboundMessage[]>;
  close(): Promise<void>;
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(extra: Partial<WebChatStreamDeps> = {}): Promise<Harness> {
  const h = { received: [] as InboundMessage[], known: new Set<string>() } as Harness;
  h.reply = async (m) => [{ conversationId: m.conversationId, text: "Helix Pro costs $36,000 a year.", intent: "pricing" }];
  const app = express();
  app.use(createWebStaticRoutes());
  app.use(
    createWebChatStreamRoutes({
      handler: async (m) => {
        h.received.push(m);
        h.known.add(m.conversationId);
        return h.reply(m);
      },
      conversationExists: async (id) => h.known.has(id),
      tenant: "acme",
      logger: silentLogger(),
      ...extra,
    }),
  );
  app.use(errorHandler(silentLogger()));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  h.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  harness = h;
  return h;
}

function parseEvents(body: string): Array<{ event: string; data: any }> {
  return body
    .split("\n\n")
    .filter((block) => block.includes("data:"))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!);
      return { event, data };
    });
}

async function stream(h: Harness, body: unknown) {
  const res = await fetch(`${h.url}/api/chat/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, events: res.headers.get("content-type")?.startsWith("text/event-stream") ? parseEvents(text) : [] };
}

describe("POST /api/chat/stream", () => {
  it("streams typing, the answer as a delta, the message and done for a new conversation", async () => {
    const h = await start();
    const res = await stream(h, { text: "  how much is Pro? " });

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    const names = res.events.map((e) => e.event);
    expect(names.slice(0, 2)).toEqual(["conversation", "typing"]);
    expect(names.slice(-2)).toEqual(["message", "done"]);
    const conversationId = res.events[0]!.data.conversationId as string;
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
    const deltas = res.events.filter((e) => e.event === "delta").map((e) => e.data.text as string);
    // A handler without the streaming form gives the whole answer at once.
    expect(deltas).toEqual(["Helix Pro costs $36,000 a year."]);
    expect(res.events.at(-2)!.data).toEqual({ conversationId, text: "Helix Pro costs $36,000 a year.", intent: "pricing" });
    expect(res.events.at(-1)!.data).toEqual({ conversationId, intent: "pricing" });
    expect(h.received).toEqual([
      { channel: "web", conversationId, actor: { id: conversationId, role: "prospect", tenant: "acme" }, text: "how much is Pro?", visitor: expect.stringMatching(/^ip:/) },
    ]);
  });

  it("continues a known conversation and refuses an unknown one with 404 JSON", async () => {
    const h = await start();
    const first = await stream(h, { text: "hi" });
    const id = first.events[0]!.data.conversationId as string;
    const again = await stream(h, { conversationId: id, text: "and Enterprise?" });
    expect(again.events[0]!.data).toEqual({ conversationId: id });
    expect(h.received[1]!.conversationId).toBe(id);

    const unknown = await stream(h, { conversationId: "never-seen-123", text: "hello" });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ error: "not_found", reason: "unknown conversation never-seen-123" });
  });

  it("refuses bad input with the same reasons as /api/chat", async () => {
    const h = await start();
    for (const [body, reason] of [
      [{}, "text is required and must be a string"],
      [{ text: "   " }, "text must not be empty"],
      [{ text: "x".repeat(4001) }, "text must be at most 4000 characters"],
      [{ conversationId: "bad id!", text: "hi" }, "conversationId must be 8–100 letters, digits, '-' or '_'"],
    ] as const) {
      const res = await stream(h, body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toMatchObject({ error: "bad_input", reason });
    }
    expect(h.received).toEqual([]);
  });

  it("ends with an error event when the turn fails, and with done alone when there is nothing to say", async () => {
    const h = await start();
    h.reply = async () => {
      throw new Error("model down");
    };
    const failed = await stream(h, { text: "hi" });
    expect(failed.events.map((e) => e.event)).toEqual(["conversation", "typing", "error"]);
    expect(failed.events[2]!.data).toEqual({ error: "internal", reason: "the assistant could not answer; please try again" });

    h.reply = async () => [];
    const silent = await stream(h, { text: "STOP" });
    expect(silent.events.map((e) => e.event)).toEqual(["conversation", "typing", "done"]);
    expect(silent.events[2]!.data.intent).toBe("opt_out");
  });

  it("limits how fast one visitor may ask when a limiter is given", async () => {
    const h = await start({ rateLimiter: createRateLimiter({ perMinute: 1, clock: fixedClock("2025-01-01T00:00:00Z") }) });
    expect((await stream(h, { text: "one" })).status).toBe(200);
    const limited = await stream(h, { text: "two" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("POST /api/chat/stream with a streaming handler", () => {
  function streamingHandler(script: (m: InboundMessage) => AsyncIterable<TurnEvent>): StreamingConversationHandler {
    return Object.assign(async () => [], { stream: script });
  }
  const answer = (m: InboundMessage, text: string): OutboundMessage => ({ conversationId: m.conversationId, text, intent: "deal_insight" });

  it("sends status lines, deltas and replace as the turn tells them, then the message", async () => {
    const h = await start({
      handler: streamingHandler(async function* (m) {
        yield { type: "status", text: "Looking up the Globex deal…" };
        yield { type: "token", text: "Globex will pay" };
        yield { type: "token", text: " $1M" };
        yield { type: "replace", text: "Globex: Negotiation, 60%." };
        yield { type: "token", text: "\n\nWant the risks?" };
        yield { type: "final", messages: [answer(m, "Globex: Negotiation, 60%.\n\nWant the risks?")] };
      }),
    });
    const res = await stream(h, { text: "how is Globex?" });
    expect(res.events.map((e) => [e.event, e.data.text])).toEqual([
      ["conversation", undefined],
      ["typing", undefined],
      ["status", "Looking up the Globex deal…"],
      ["delta", "Globex will pay"],
      ["delta", " $1M"],
      ["replace", "Globex: Negotiation, 60%."],
      ["delta", "\n\nWant the risks?"],
      ["message", "Globex: Negotiation, 60%.\n\nWant the risks?"],
      ["done", undefined],
    ]);
  });

  it("ends with an error event when the turn fails mid-stream", async () => {
    const h = await start({
      handler: streamingHandler(async function* () {
        yield { type: "token", text: "Globex" };
        throw new Error("model stream cut");
      }),
    });
    const res = await stream(h, { text: "how is Globex?" });
    expect(res.events.map((e) => e.event)).toEqual(["conversation", "typing", "delta", "error"]);
  });
});

describe("static routes", () => {
  it("serves the demo page and the widget with their content types and cache headers", async () => {
    const h = await start();
    const page = await fetch(`${h.url}/`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(await page.text()).toContain('<script src="/widget.js" data-title="Chat with Helix"');

    const widget = await fetch(`${h.url}/widget.js`);
    expect(widget.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(widget.headers.get("cache-control")).toMatch(/^public, max-age=300/);
    const etag = widget.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    // node:http, not fetch: fetch adds `cache-control: no-cache` to conditional requests, which forbids a 304.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http.get(`${h.url}/widget.js`, { headers: { "if-none-match": etag } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on("error", reject);
    });
    expect(status).toBe(304);
  });
});
