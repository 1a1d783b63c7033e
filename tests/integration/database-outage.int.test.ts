import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/infra/postgres/pool.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { runCli } from "../helpers/cli.js";
import { openTestDatabase, postgresReachable, type TestDatabase } from "../helpers/databases.js";
import { startTcpProxy, type TcpProxy } from "../fakes/tcp-proxy.js";

const onPostgres = await postgresReachable();

const BOUNDS = { DATABASE_CONNECT_TIMEOUT_MS: "800", DATABASE_STATEMENT_TIMEOUT_MS: "1500", DATABASE_QUERY_TIMEOUT_MS: "1500" };

/** The app reaches PostgreSQL only through a proxy the test makes refuse, hang and recover. */
describe.skipIf(!onPostgres)("PostgreSQL outages (through a TCP proxy)", () => {
  let direct: TestDatabase;
  let proxy: TcpProxy;
  let db: Database;
  let app: TestApp;
  let proxiedUrl: string;

  beforeAll(async () => {
    direct = await openTestDatabase("postgres");
    const target = new URL(direct.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.host = `127.0.0.1:${proxy.port}`;
    proxiedUrl = target.toString();
    db = await openDatabase({ url: proxiedUrl, dataDir: "", poolMax: 4, connectTimeoutMs: 800, statementTimeoutMs: 1500, queryTimeoutMs: 1500 });
    app = await startTestApp(db, BOUNDS);
  });

  afterAll(async () => {
    await proxy?.set("pass");
    await app?.close();
    await db?.close();
    await proxy?.close();
    await direct?.dispose();
  });

  async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  }

  async function recovers(): Promise<number> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await app.post("/api/chat", { text: "hello again" });
      if (res.status === 200 || Date.now() > deadline) return res.status;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it("answers while the database is up; /healthz and /readyz are separate", async () => {
    expect((await app.post("/api/chat", { text: "Hello!" })).status).toBe(200);
    expect(await app.get("/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });
    expect(await app.get("/healthz")).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("refused: requests get 503 with Retry-After, liveness stays up, readiness goes down; then recovers without a restart", async () => {
    await proxy.set("refuse");
    const res = await fetch(`${app.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "anyone there?" }) });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: "database_unavailable" });
    expect((await app.get("/healthz")).status).toBe(200);
    const ready = await timed(() => app.get("/readyz"));
    expect(ready.value.status).toBe(503);
    expect(ready.ms).toBeLessThan(1_000);

    await proxy.set("pass");
    expect(await recovers()).toBe(200);
    expect((await app.get("/readyz")).status).toBe(200);
  });

  it("hung (accepts TCP, never answers): 503 within the bounds, /readyz in under 1 s, /healthz at once; then recovers", async () => {
    await proxy.set("hang");
    const chat = await timed(() => app.post("/api/chat", { text: "still there?" }));
    expect(chat.value.status).toBe(503);
    expect(chat.ms).toBeLessThan(8_000);
    const ready = await timed(() => app.get("/readyz"));
    expect(ready.value.status).toBe(503);
    expect(ready.ms).toBeLessThan(1_000);
    const live = await timed(() => app.get("/healthz"));
    expect(live.value.status).toBe(200);
    expect(live.ms).toBeLessThan(500);

    await proxy.set("pass");
    expect(await recovers()).toBe(200);
  });

  it("start-up against a hung or refusing database fails within a bounded time with one line", async () => {
    await proxy.set("hang");
    try {
      const hung = await timed(() => runCli(["serve", "--port", "0", "--no-demo"], { env: { DATABASE_URL: proxiedUrl, ...BOUNDS, JOBS_ENABLED: "false" }, timeoutMs: 30_000 }));
      expect(hung.value.code).toBe(1);
      expect(hung.value.stderr.trim().split("\n")).toHaveLength(1);
      expect(hung.value.stderr).toMatch(/database .* is not available/);
      expect(hung.ms).toBeLessThan(15_000);
    } finally {
      await proxy.set("pass");
    }
    await proxy.set("refuse");
    try {
      const refused = await runCli(["serve", "--port", "0", "--no-demo"], { env: { DATABASE_URL: proxiedUrl, ...BOUNDS, JOBS_ENABLED: "false" }, timeoutMs: 30_000 });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^salesgraph: database .* is not available: .*ECONNREFUSED/);
    } finally {
      await proxy.set("pass");
    }
  });
});
