import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { startFakeOpenAi, type FakeOpenAi } from "../fakes/openai-server.js";
import { startTcpProxy, type TcpProxy } from "../fakes/tcp-proxy.js";

const KEY = "sk-outage";

/** The model endpoint behind a proxy that refuses, hangs and recovers: turns time out, fall back and are counted. */
describe("LLM endpoint outages", () => {
  let fake: FakeOpenAi;
  let proxy: TcpProxy;
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeOpenAi({
      apiKey: KEY,
      respond: (request) =>
        request.tools?.some((t: any) => t.function?.name === "route_intent")
          ? { toolCalls: [{ name: "route_intent", arguments: { intent: "smalltalk" } }] }
          : { text: "Hello from the model." },
    });
    const target = new URL(fake.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    target.host = `127.0.0.1:${proxy.port}`;
    db = await openTestDatabase("pglite");
    app = await startTestApp(db, {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: target.toString(),
      LLM_TIMEOUT_MS: "800",
      AGENT_TURN_BUDGET_MS: "1500",
      METRICS_TOKEN: "m",
    });
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await fake?.close();
    await db?.dispose();
  });

  async function failedCalls(): Promise<number> {
    const text = String((await app.get("/metrics", { authorization: "Bearer m" })).body);
    const match = /salesgraph_llm_calls_total\{outcome="error"\} (\d+)/.exec(text);
    return match ? Number(match[1]) : 0;
  }

  async function turn(): Promise<{ status: number; ms: number; reply: string }> {
    const started = performance.now();
    const res = await app.post("/api/chat", { text: "hello there" });
    return { status: res.status, ms: performance.now() - started, reply: res.body.reply };
  }

  it("answers through the model while it is up", async () => {
    const before = fake.completions.length;
    const res = await turn();
    expect(res.status).toBe(200);
    expect(fake.completions.length).toBeGreaterThan(before);
  });

  for (const mode of ["hang", "refuse"] as const) {
    it(`${mode}: the turn still answers within the time bounds, from the local fallback, and the failure is counted`, async () => {
      const failedBefore = await failedCalls();
      await proxy.set(mode);
      try {
        const res = await turn();
        expect(res.status).toBe(200);
        expect(res.reply).toMatch(/\S/);
        // routing call + agent budget + one model call of slack, with margin for a loaded machine
        expect(res.ms).toBeLessThan(8_000);
        expect(await failedCalls()).toBeGreaterThan(failedBefore);
      } finally {
        await proxy.set("pass");
      }
      const before = fake.completions.length;
      expect((await turn()).status).toBe(200);
      expect(fake.completions.length).toBeGreaterThan(before);
    });
  }
});
