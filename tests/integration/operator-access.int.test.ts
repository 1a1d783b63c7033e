import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestApp } from "../helpers/app.js";
import { createOperatorAuditRepo } from "../../src/infra/postgres/operator-audit-repo.js";
import { loadConfig } from "../../src/core/config.js";

/**
 * Operator data behind a proxy: every request reaches us from loopback when nginx runs on the same host, so
 * "loopback" can never stand in for a token unless the operator explicitly asks for it.
 */
describe("operator endpoints and /metrics", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("with no token configured, operator routes are off, also for loopback and behind a proxy", async () => {
    const app = await startTestApp(db);
    try {
      for (const path of ["/api/handoffs", "/api/approvals"]) {
        const res = await app.get(path);
        expect(res.status).toBe(403);
        expect(res.body.reason).toMatch(/operator routes are off/);
      }
      expect((await app.get("/api/handoffs", { "x-forwarded-for": "127.0.0.1" })).status).toBe(403);
      expect((await app.post("/api/conversations/abc/messages", { text: "hi" })).status).toBe(403);
      expect((await app.get("/metrics")).status).toBe(403);
    } finally {
      await app.close();
    }
  });

  it("SALESGRAPH_OPERATOR_LOOPBACK=true lets this machine in (development), judged by the socket, and is audited", async () => {
    const app = await startTestApp(db, { SALESGRAPH_OPERATOR_LOOPBACK: "true" });
    try {
      const res = await app.get("/api/handoffs");
      expect(res.status).toBe(200);
      expect((await app.get("/metrics")).status).toBe(200);
      const audit = await createOperatorAuditRepo(db.pool).recent(5);
      expect(audit[0]).toMatchObject({ actor: "loopback:127.0.0.1", action: "list_handoffs", items: res.body.handoffs.length });
      expect(audit[0]!.at).toBeInstanceOf(Date);
    } finally {
      await app.close();
    }
  });

  it("with a token, the token is required and the reader is recorded by its fingerprint, never the token", async () => {
    const app = await startTestApp(db, { SALESGRAPH_API_TOKEN: "operator-secret", SALESGRAPH_OPERATOR_LOOPBACK: "true" });
    try {
      expect((await app.get("/api/handoffs")).status).toBe(401);
      expect((await app.get("/api/handoffs", { authorization: "Bearer wrong" })).status).toBe(403);
      // the loopback allowance never replaces a configured token; /metrics (no METRICS_TOKEN) is local-only here
      expect((await app.get("/metrics")).status).toBe(200);
      expect((await app.get("/api/handoffs", { authorization: "Bearer operator-secret" })).status).toBe(200);
      const [last] = await createOperatorAuditRepo(db.pool).recent(1);
      expect(last!.actor).toMatch(/^token:[0-9a-f]{8}$/);
      expect(JSON.stringify(last)).not.toContain("operator-secret");
    } finally {
      await app.close();
    }
  });

  it("start-up configuration: TRUST_PROXY takes hop counts and CIDR lists, never a blanket true", () => {
    expect(loadConfig({ TRUST_PROXY: "2" }).server.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 192.168.1.4" }).server.trustProxy).toEqual(["10.0.0.0/8", "192.168.1.4"]);
    expect(loadConfig({ TRUST_PROXY: "false" }).server.trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: "everyone" })).toThrow(/TRUST_PROXY/);
  });
});
