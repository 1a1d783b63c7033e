import { loadConfig } from "../../src/core/config.js";
import { silentLogger } from "../../src/core/logger.js";
import { createContainer, type Container } from "../../src/app/container.js";
import { startServer, type RunningServer } from "../../src/app/server.js";
import type { Database } from "../../src/infra/postgres/pool.js";

export interface TestApp {
  container: Container;
  server: RunningServer;
  url: string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** A real container and HTTP server on an ephemeral port, over a database the test owns. */
export async function startTestApp(db: Database, env: Record<string, string> = {}): Promise<TestApp> {
  // the job queue is off unless a test asks for it (JOBS_ENABLED: "true")
  // budgets that real traffic would hit are set out of reach unless a test asks for them
  const config = loadConfig({
    LOG_LEVEL: "silent",
    RATE_LIMIT_PER_MINUTE: "10000",
    HTTP_RATE_LIMIT_PER_MINUTE: "1000000",
    HANDOFF_MAX_OPEN_PER_VISITOR: "1000",
    HANDOFF_NEW_PER_MINUTE: "100000",
    JOBS_ENABLED: "false",
    ...env,
  });
  const container = await createContainer(config, { db, logger: silentLogger() });
  const server = await startServer(container, { port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${server.port}`;
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(url + path, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (e.g. /metrics)
    }
    return { status: res.status, body: parsed as any };
  }
  return {
    container,
    server,
    url,
    post: (path, body, headers) => request("POST", path, body, headers),
    get: (path, headers) => request("GET", path, undefined, headers),
    close: () => server.shutdown(),
  };
}
