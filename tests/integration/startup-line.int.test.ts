import { afterEach, describe, expect, it } from "vitest";
import { startupFacts, startupLine } from "../../src/app/startup-line.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

describe("serve's start-up line", () => {
  let db: TestDatabase | undefined;
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    await db?.dispose();
  });

  it("lists web and every configured channel, the database, the LLM mode and the public URL", async () => {
    db = await openTestDatabase("pglite");
    app = await startTestApp(db, {
      SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-startup",
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`, TWILIO_AUTH_TOKEN: "t", PUBLIC_BASE_URL: "https://sales.example.test",
      TEAMS_ALLOW_UNAUTHENTICATED: "true",
    });
    const line = startupLine(startupFacts(app.container, app.server, "127.0.0.1"));
    expect(line).toBe(
      `salesgraph listening on http://127.0.0.1:${app.server.port} — channels: web, slack, sms, teams; database: pglite; ` +
        "llm: local; public URL: https://sales.example.test; jobs: off",
    );
  });

  it("lists web alone when no other channel is configured, and says the public URL is not set", async () => {
    db = await openTestDatabase("pglite");
    app = await startTestApp(db);
    const line = startupLine(startupFacts(app.container, app.server, "127.0.0.1"));
    expect(line).toMatch(/ — channels: web; database: pglite; llm: local; public URL: not set; jobs: off$/);
    expect(line).toMatch(/^salesgraph listening on http:\/\/127\.0\.0\.1:\d+ /);
  });
});
