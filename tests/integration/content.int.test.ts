import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../src/demo/seed.js";
import { checkLimits } from "../../tools/content/limits.js";
import { maxPairwiseOverlap, MAX_OVERLAP } from "../../tools/content/distinct.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const SLACK_SECRET = "content-slack-signing-secret";
const TEAM = "T0CONT";
const MANAGER = "U0CONTMGR";
const TOKEN = "operator-token-content";
const auth = { authorization: `Bearer ${TOKEN}` };

describe("content generation and experiments on the real server", () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let app: TestApp;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool);
    slack = await startFakeSlackApi();
    app = await startTestApp(db, {
      SALESGRAPH_API_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: "xoxb-content",
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALLOWED_TEAMS: TEAM,
      SLACK_MANAGERS: MANAGER,
      CONTENT_MIN_SAMPLE: "200",
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await slack?.close();
    await db?.dispose();
  });

  it("answers a manager's Slack request with three distinct subject lines within limits, each with a predicted open rate and interval", async () => {
    const body = JSON.stringify({
      team_id: TEAM, api_app_id: "A0", type: "event_callback", event_id: "EvContent1",
      event: { type: "app_mention", user: MANAGER, team: TEAM, channel: "C0MKT", ts: `${Math.floor(Date.now() / 1000)}.000100`, text: "<@UBOT0001> three subject lines for the Enterprise segment about the Q1 webinar" },
    });
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", SLACK_SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
    const res = await fetch(`${app.url}/slack/events`, { method: "POST", headers: { "content-type": "application/json", "x-slack-request-timestamp": String(ts), "x-slack-signature": signature }, body });
    expect(res.status).toBe(200);
    const calls = await slack.waitFor("chat.postMessage", 1, 30_000);
    const text = calls.map((c) => JSON.stringify(c.body)).join(" ");
    expect(text).toMatch(/Three subject lines for Enterprise/);
    const rows = await db.pool.query("select v.id, v.body, v.predicted from content_variants v join experiments x on x.id = v.experiment_id where x.channel = 'subject' order by v.id");
    expect(rows.rows).toHaveLength(3);
    const lines = rows.rows.map((r) => r.body as string);
    for (const l of lines) expect(checkLimits("subject", { text: l }).ok).toBe(true);
    expect(maxPairwiseOverlap(lines)).toBeLessThan(MAX_OVERLAP);
    for (const r of rows.rows) {
      const open = (r.predicted as any[]).find((p) => p.metric === "open");
      expect(open.low).toBeLessThan(open.value);
      expect(open.high).toBeGreaterThan(open.value);
      expect(text).toContain(`${(open.value * 100).toFixed(1)}%`);
    }
    expect(text).toMatch(/predicted open rate [\d.]+% \(95% interval [\d.]+%–[\d.]+%\)/);
  });

  it("generates through POST /api/content (operator token) with variants[3] as the contract says", async () => {
    expect((await app.post("/api/content", { segment: "Key accounts", channel: "sms", objective: "the spring summit" })).status).toBe(401);
    const res = await app.post("/api/content", { segment: "Key accounts", channel: "sms", objective: "Invite them to the spring summit", offer: "20% off annual plans until March 31" }, auth);
    expect(res.status).toBe(201);
    expect(res.body.variants).toHaveLength(3);
    for (const v of res.body.variants) {
      expect(v).toMatchObject({ text: expect.any(String), angle: expect.any(String), predicted: { metric: "click", value: expect.any(Number), low: expect.any(Number), high: expect.any(Number) }, sources: expect.any(Array) });
      expect(checkLimits("sms", v).ok).toBe(true);
    }
    expect(new Set(res.body.variants.map((v: any) => v.angle)).size).toBe(3);
    expect((await app.post("/api/content", { segment: "Key accounts", channel: "fax", objective: "x" }, auth)).status).toBe(400);
  });

  it("records events idempotently by event id and declares a winner only once the difference is significant", async () => {
    const gen = await app.post("/api/content", { segment: "Enterprise prospects", channel: "subject", objective: "the Q1 webinar" }, auth);
    const [a, b, c] = gen.body.variants as { id: string }[];
    const experiment = gen.body.experimentId as string;

    const first = await app.post(`/api/content/${a!.id}/events`, { type: "sent", eventId: "evt-1" }, auth);
    expect(first.status).toBe(201);
    const again = await app.post(`/api/content/${a!.id}/events`, { type: "sent", eventId: "evt-1" }, auth);
    expect(again).toMatchObject({ status: 200, body: { recorded: false, duplicate: true } });
    expect((await app.post(`/api/content/${b!.id}/events`, { type: "opened", eventId: "evt-1" }, auth)).status).toBe(409);
    expect((await app.post(`/api/content/${a!.id}/events`, { type: "bounced", eventId: "evt-2" }, auth)).status).toBe(400);
    expect((await app.post(`/api/content/exp_0000000000-A/events`, { type: "sent", eventId: "evt-3" }, auth)).status).toBe(404);
    expect((await app.post(`/api/content/${a!.id}/events`, { type: "sent", eventId: "evt-4" })).status).toBe(401);

    async function record(variant: string, type: string, n: number, prefix: string) {
      const values: string[] = [];
      const params: string[] = [];
      for (let i = 0; i < n; i++) {
        params.push(`${prefix}-${type}-${i}`, variant, type);
        values.push(`($${params.length - 2}, $${params.length - 1}, $${params.length}, now())`);
      }
      if (n) await db.pool.query(`insert into content_events (event_id, variant_id, type, occurred_at) values ${values.join(", ")}`, params);
    }
    // 60 sends each, 12 vs 21 opens (C 12): ahead, not significant, below the minimum sample
    await record(a!.id, "sent", 59, "a1"); // evt-1 was the 60th
    await record(b!.id, "sent", 60, "b1");
    await record(c!.id, "sent", 60, "c1");
    await record(c!.id, "opened", 12, "c1");
    await record(a!.id, "opened", 12, "a1");
    await record(b!.id, "opened", 21, "b1");
    let report = (await app.get(`/api/content/experiments/${experiment}/report`, auth)).body.report;
    expect(report.winner).toBeNull();
    expect(report.decision).toMatch(/at least 200 exposures/);
    expect(report.warnings.join(" ")).toMatch(/peek/);

    // 300 sends each, 60 vs 66 opens (C 59): past the minimum, difference not significant
    await record(a!.id, "sent", 240, "a2");
    await record(b!.id, "sent", 240, "b2");
    await record(c!.id, "sent", 240, "c2");
    await record(c!.id, "opened", 47, "c2");
    await record(a!.id, "opened", 48, "a2");
    await record(b!.id, "opened", 45, "b2");
    report = (await app.get(`/api/content/experiments/${experiment}/report`, auth)).body.report;
    expect(report.winner).toBeNull();
    expect(report.decision).toMatch(/not significant/);

    // 600 sends each, 120 vs 186 opens (C 118): significant after Holm correction
    await record(a!.id, "sent", 300, "a3");
    await record(b!.id, "sent", 300, "b3");
    await record(c!.id, "sent", 300, "c3");
    await record(c!.id, "opened", 59, "c3");
    await record(a!.id, "opened", 60, "a3");
    await record(b!.id, "opened", 120, "b3");
    report = (await app.get(`/api/content/experiments/${experiment}/report`, auth)).body.report;
    const byLabel = Object.fromEntries(report.variants.map((v: any) => [v.label, v]));
    expect(byLabel.A).toMatchObject({ exposures: 600, successes: 120, rate: 0.2 });
    expect(byLabel.B).toMatchObject({ exposures: 600, successes: 186, rate: 0.31 });
    expect(report.winner).toMatchObject({ label: "B" });
    const ab = report.pairs.find((p: any) => p.a === "A" && p.b === "B");
    expect(ab.pAdjusted).toBeLessThan(0.05);
    expect(ab.probabilityBBeatsA).toBeGreaterThan(0.99);
  });
});
