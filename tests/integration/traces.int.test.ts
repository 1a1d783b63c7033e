import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContainer } from "../../src/app/container.js";
import { startServer, type RunningServer } from "../../src/app/server.js";
import { loadConfig } from "../../src/core/config.js";
import { hashId, inSpan } from "../../src/core/spans.js";
import { silentLogger } from "../../src/core/logger.js";
import { withTransaction } from "../../src/infra/postgres/pool.js";
import { startTracing, type Tracing } from "../../src/infra/telemetry/tracing.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const ENV = { LOG_LEVEL: "silent", JOBS_ENABLED: "false", RATE_LIMIT_PER_MINUTE: "10000" };

async function serve(db: TestDatabase, env: Record<string, string>, tracing?: Tracing) {
  const container = await createContainer(loadConfig({ ...ENV, ...env }), { db, logger: silentLogger(), ...(tracing ? { tracing } : {}) });
  const server = await startServer(container, { port: 0, host: "127.0.0.1" });
  const chat = async (body: object) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { conversationId: string; intent: string; reply: string };
  };
  return { container, server, chat };
}

function parentOf(span: ReadableSpan, all: ReadableSpan[]): ReadableSpan | undefined {
  return all.find((s) => s.spanContext().spanId === span.parentSpanContext?.spanId);
}

function chainUp(span: ReadableSpan, all: ReadableSpan[]): string[] {
  const names: string[] = [];
  for (let s: ReadableSpan | undefined = span; s; s = parentOf(s, all)) names.unshift(s.name);
  return names;
}

describe("OpenTelemetry traces, enabled", () => {
  const exporter = new InMemorySpanExporter();
  let db: TestDatabase;
  let tracing: Tracing;
  let server: RunningServer;
  let chat: (body: object) => Promise<{ conversationId: string; intent: string; reply: string }>;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    tracing = await startTracing({ enabled: true, otlpEndpoint: "http://127.0.0.1:9", serviceName: "salesgraph-test" }, exporter);
    ({ server, chat } = await serve(db, { OTEL_ENABLED: "true" }, tracing));
  });

  afterAll(async () => {
    await server?.shutdown();
    await tracing?.shutdown();
    await db?.dispose();
  });

  it("nests one web chat turn as HTTP → turn → node → tool → SQL, with no message text", async () => {
    const first = await chat({ text: "hello" });
    exporter.reset();
    const stop = await chat({ conversationId: first.conversationId, text: "STOP" });
    expect(stop.intent).toBe("opt_out");
    await expect.poll(() => exporter.getFinishedSpans().some((s) => s.name === "POST /api/chat")).toBe(true);

    // work a turn leaves behind (marketing events) runs after the response, in traces of its own
    const http = exporter.getFinishedSpans().find((s) => s.name === "POST /api/chat")!;
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === http.spanContext().traceId);
    const tool = spans.find((s) => s.name === "tool record_consent")!;
    expect(tool.attributes).toMatchObject({ "salesgraph.tool.name": "record_consent", "salesgraph.tool.audience": "public", "salesgraph.tool.ok": true });
    const sql = spans.find((s) => parentOf(s, spans) === tool && s.attributes["db.system.name"] === "postgresql");
    expect(sql, "a SQL span under the tool").toBeDefined();
    expect(chainUp(sql!, spans)).toEqual(["POST /api/chat", "turn", "node opt_out", "tool record_consent", sql!.name]);

    expect(http.attributes).toMatchObject({ "http.request.method": "POST", "http.route": "/api/chat", "http.response.status_code": 200 });
    const turn = spans.find((s) => s.name === "turn")!;
    expect(turn.attributes).toEqual({
      "salesgraph.channel": "web",
      "salesgraph.role": "prospect",
      "salesgraph.conversation.hash": hashId(`web:${first.conversationId}`),
      "salesgraph.intent": "opt_out",
      "salesgraph.route": expect.any(String),
    });
    const nodes = spans.filter((s) => s.name.startsWith("node ")).map((s) => s.name);
    expect(nodes).toEqual(expect.arrayContaining(["node check_consent", "node opt_out", "node finish_turn"]));
    for (const s of spans.filter((x) => x.name.startsWith("node "))) expect(parentOf(s, spans)).toBe(turn);
    expect(tracing.tracer).toBeDefined();

    const everything = JSON.stringify(spans.map((s) => [s.name, s.attributes]));
    expect(everything).not.toMatch(/STOP|hello/);
    expect(everything).not.toContain(first.conversationId);
  });

  it("traces each statement of a transaction on a checked-out client once, under the caller's span", async () => {
    exporter.reset();
    await inSpan(tracing.tracer!, "caller", {}, () => withTransaction(db.pool, (client) => client.query("select 1 as one")));
    await db.pool.query("select 2 as two");
    const spans = exporter.getFinishedSpans();
    const caller = spans.find((s) => s.name === "caller")!;
    expect(spans.filter((s) => parentOf(s, spans) === caller).map((s) => s.name)).toEqual(["BEGIN", "SELECT", "COMMIT"]);
    // once each: the pool's own checkout inside pool.query adds no second span
    expect(spans.filter((s) => /^(BEGIN|SELECT|COMMIT)$/.test(s.name)).map((s) => s.name)).toEqual(["BEGIN", "SELECT", "COMMIT", "SELECT"]);
  });
});

describe("OpenTelemetry traces, disabled (the default)", () => {
  const exporter = new InMemorySpanExporter();
  let provider: NodeTracerProvider;
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    // a provider some other library registered globally must not see spans from us either
    provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    db = await openTestDatabase("pglite");
    app = await serve(db, {});
  });

  afterAll(async () => {
    await app?.server.shutdown();
    await db?.dispose();
    await provider?.shutdown();
    trace.disable();
  });

  it("starts no tracer, wraps nothing and exports no span for a turn", async () => {
    const first = await app.chat({ text: "hello" });
    const stop = await app.chat({ conversationId: first.conversationId, text: "STOP" });
    expect(stop.intent).toBe("opt_out");
    expect(app.container.config.telemetry.enabled).toBe(false);
    expect(app.container.tracing.tracer).toBeUndefined();
    expect(Object.hasOwn(db.pool, "query")).toBe(false);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
