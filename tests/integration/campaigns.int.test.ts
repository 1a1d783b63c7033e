import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../src/demo/seed.js";
import { CampaignSpec } from "../../tools/campaigns/schema.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestSmtp, type TestSmtp } from "../helpers/smtp.js";

/**
 * A campaign end to end on the real server: planned over the retail accounts within caps and consent, launched
 * with content from the content tool, a send approved through the operator API and mailed over SMTP, outcomes
 * tracked through POST /api/events, and the report's cross-channel attribution.
 */
const TOKEN = "campaign-operator-token";
const auth = { authorization: `Bearer ${TOKEN}` };

describe("campaigns", () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let app: TestApp;
  let optedOut: string;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool);
    smtp = await startTestSmtp();
    app = await startTestApp(db, { SALESGRAPH_API_TOKEN: TOKEN, SMTP_URL: smtp.url, SMTP_FROM: "marketing@example.com" });
    const { rows } = await db.pool.query(
      `select c.id, c.email from contacts c join accounts a on a.id = c.account_id where a.sector = 'retail' and c.email is not null order by c.id limit 1`,
    );
    optedOut = rows[0].id;
    await db.pool.query(`insert into consents (channel, identity, contact_id, status, source) values ('email', $1, $2, 'withdrawn', 'test')`, [rows[0].email, optedOut]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.dispose();
  });

  it("plans, launches through approvals, sends, tracks and reports with attribution", async () => {
    const campaigns = app.container.marketing.campaigns;
    const spec = CampaignSpec.parse({
      id: "retail-webinar",
      name: "Retail analytics webinar",
      objective: "invite retail analytics leaders to the spring webinar",
      segments: ["retail"],
      channels: ["email", "rep_alert", "task"],
      // day 0 an hour ago, so the first emails are due as soon as they are approved
      start: new Date(Date.now() - 3_600_000).toISOString().slice(0, 10),
      sendHourUtc: new Date(Date.now() - 3_600_000).getUTCHours(),
      days: 14,
      contactsPerAccount: 2,
    });
    const plan = await campaigns.plan(spec);
    expect(plan.accounts).toBe(10);
    expect(plan.byChannel).toMatchObject({ rep_alert: 10, task: 10 });
    expect(plan.skipped).toContainEqual({ contactId: optedOut, reason: "consent withdrawn" });
    expect(plan.sends.some((s) => s.contactId === optedOut)).toBe(false);

    const launched = await campaigns.launch(spec.id);
    expect(launched.pendingApproval).toBe(plan.byChannel.email);
    expect(launched.contentSource.join(" ")).toMatch(/content exp_/);
    await expect(campaigns.launch(spec.id)).rejects.toThrow(/already launched/);

    expect((await app.get("/api/marketing/sends?status=pending_approval")).status).toBe(401);
    const pending = (await app.get("/api/marketing/sends?status=pending_approval", auth)).body.sends as { id: string; contactId: string; scheduledAt: string }[];
    const first = pending.find((s) => Date.parse(s.scheduledAt) <= Date.now())!;
    const decided = await app.post(`/api/marketing/sends/${encodeURIComponent(first.id)}`, { decision: "approve", decidedBy: "manager@example.com" }, auth);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: "sent", decidedBy: "manager@example.com" });
    expect(smtp.received).toHaveLength(1);

    const event = (id: string, type: string, at: number) => ({ id, type, occurredAt: new Date(at).toISOString(), contactId: first.contactId, data: { campaignId: spec.id, channel: "email", sendId: first.id } });
    const click = event("ev-click-1", "campaign.clicked", Date.now() + 60_000);
    expect((await app.post("/api/events", click, auth)).status).toBe(202);
    // a redelivery (same id and body) is acknowledged and counted once
    expect((await app.post("/api/events", click, auth)).status).toBe(200);
    expect((await app.post("/api/events", event("ev-conv-1", "campaign.converted", Date.now() + 120_000), auth)).status).toBe(202);
    expect((await app.post("/api/events", { id: "x", type: "campaign.clicked" }, auth)).status).toBe(400);

    const report = await campaigns.report(spec.id);
    expect(report.conversions).toBe(1);
    expect(report.sends.email).toMatchObject({ sent: 1 });
    expect(report.outcomes.email).toEqual({ clicked: 1 });
    expect(report.attribution.map((a) => a.channel)).toEqual(["email"]);
  }, 120_000);

  it("turns a logged call transcript into a transcript.analyzed event for the playbooks", async () => {
    const { rows } = await db.pool.query(`select id from deals where stage not in ('won', 'lost') order by id limit 1`);
    const call = ["Sam Rivera: Thanks for joining. What matters most to you this quarter?", "Dana Cole: Honestly the price is too high and I'm frustrated with the rollout.", "Sam Rivera: Understood, let's review options next week."].join("\n");
    const res = await app.post("/api/transcripts", { text: call, reps: ["Sam Rivera"], dealId: rows[0].id }, auth);
    expect(res.status).toBe(200);
    const events = await db.pool.query(`select type, data from marketing_events where source = 'transcript'`);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ type: "transcript.analyzed", data: { dealId: rows[0].id, transcriptId: res.body.logged.transcriptId } });
    expect(["negative", "neutral", "positive"]).toContain(events.rows[0].data.sentiment);
  }, 60_000);
});
