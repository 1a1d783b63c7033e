import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const METRICS = { authorization: "Bearer m" };

/** Anonymous requests cannot grow memory, skip the limiter, or borrow another visitor's budget. */
describe("bounded HTTP surface", () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    app = await startTestApp(db, { METRICS_TOKEN: "m", HTTP_RATE_LIMIT_PER_MINUTE: "100000", TRUST_PROXY: "1" });
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it("labels metrics by route template; unknown paths share one label", async () => {
    for (let i = 0; i < 50; i++) await app.get(`/no-such-path-${i}?q=${i}`);
    await app.get("/api/chat/not-a-conversation");
    const text = String((await app.get("/metrics", METRICS)).body);
    const routes = new Set([...text.matchAll(/salesgraph_http_requests_total\{[^}]*route="([^"]*)"/g)].map((m) => m[1]));
    expect(routes.has("unmatched")).toBe(true);
    expect(routes.has("/api/chat/:conversationId")).toBe(true);
    expect([...routes].some((r) => r!.includes("no-such-path"))).toBe(false);
    expect(routes.size).toBeLessThan(10);
  });

  it("refuses long URLs (414) and large headers (431)", async () => {
    expect((await app.get(`/api/chat/${"a".repeat(3000)}`)).status).toBe(414);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${app.url}/healthz`, { headers: { "x-big": "b".repeat(20_000) } }, (res) => resolve(res.statusCode!));
      req.on("error", reject);
    });
    expect(status).toBe(431);
  });

  it("every request, matched or not, passes the per-client limiter; health checks do not count", async () => {
    const small = await startTestApp(db, { HTTP_RATE_LIMIT_PER_MINUTE: "5" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await small.get(`/probe-${i}`)).status);
      expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
      const refused = await fetch(`${small.url}/api/chat/anything`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await small.get("/healthz")).status).toBe(200);
      expect((await small.get("/readyz")).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it("TRUST_PROXY=1: each visitor behind the proxy has their own chat budget, shared by /api/chat and /api/chat/stream", async () => {
    const proxied = await startTestApp(db, { RATE_LIMIT_PER_MINUTE: "3", TRUST_PROXY: "1" });
    try {
      const as = (ip: string) => ({ "x-forwarded-for": ip });
      expect((await proxied.post("/api/chat", { text: "hi" }, as("203.0.113.7"))).status).toBe(200);
      expect((await proxied.post("/api/chat", { text: "hi" }, as("203.0.113.7"))).status).toBe(200);
      const stream = await fetch(`${proxied.url}/api/chat/stream`, { method: "POST", headers: { "content-type": "application/json", ...as("203.0.113.7") }, body: JSON.stringify({ text: "hello" }) });
      expect(stream.status).toBe(200);
      await stream.text();
      // the stream spent the visitor's third message: the fourth is refused on either route
      expect((await proxied.post("/api/chat", { text: "again" }, as("203.0.113.7"))).status).toBe(429);
      const stream2 = await fetch(`${proxied.url}/api/chat/stream`, { method: "POST", headers: { "content-type": "application/json", ...as("203.0.113.7") }, body: JSON.stringify({ text: "hello" }) });
      expect(stream2.status).toBe(429);
      // the next visitor behind the same proxy is not affected
      for (let i = 0; i < 3; i++) expect((await proxied.post("/api/chat", { text: "hi" }, as(`198.51.100.${i + 1}`))).status).toBe(200);
      // a spoofed extra hop does not help: with one trusted hop only the last address counts
      expect((await proxied.post("/api/chat", { text: "hi" }, as("1.2.3.4, 203.0.113.7"))).status).toBe(429);
    } finally {
      await proxied.close();
    }
  });

  it("the chat budget is one for every process on the database", async () => {
    const a = await startTestApp(db, { RATE_LIMIT_PER_MINUTE: "2", TRUST_PROXY: "1" });
    const b = await startTestApp(db, { RATE_LIMIT_PER_MINUTE: "2", TRUST_PROXY: "1" });
    try {
      const as = { "x-forwarded-for": "192.0.2.44" };
      expect((await a.post("/api/chat", { text: "hi" }, as)).status).toBe(200);
      expect((await b.post("/api/chat", { text: "hi" }, as)).status).toBe(200);
      expect((await a.post("/api/chat", { text: "hi" }, as)).status).toBe(429);
      expect((await b.post("/api/chat", { text: "hi" }, as)).status).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
