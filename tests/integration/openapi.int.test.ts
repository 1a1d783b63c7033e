import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiPath } from "../../src/app/openapi.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

/** Every (method, path) express has mounted, walking nested routers. */
function mountedRoutes(stack: any[], out = new Set<string>()): Set<string> {
  for (const layer of stack) {
    if (layer.route) for (const m of Object.keys(layer.route.methods)) if (m !== "_all") out.add(`${m} ${layer.route.path}`);
    if (layer.handle?.stack) mountedRoutes(layer.handle.stack, out);
  }
  return out;
}

describe("OpenAPI document", () => {
  let db: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    app = await startTestApp(db, {
      SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-openapi",
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`, TWILIO_AUTH_TOKEN: "t", PUBLIC_BASE_URL: "https://example.test",
      TEAMS_ALLOW_UNAUTHENTICATED: "true",
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it("is served at /openapi.json as OpenAPI 3.1 and lists every route express has mounted", async () => {
    const res = await app.get("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const express = app.server.server.listeners("request")[0] as any;
    const routes = mountedRoutes(express.router.stack);
    expect(routes.size).toBeGreaterThan(25);
    const missing = [...routes].filter((r) => {
      const [method, path] = r.split(" ");
      return !res.body.paths[openApiPath(path!)]?.[method!];
    });
    expect(missing).toEqual([]);
    expect(res.body.paths["/api/chat"].post.requestBody.content["application/json"].schema.properties.text).toBeTruthy();
  });
});
