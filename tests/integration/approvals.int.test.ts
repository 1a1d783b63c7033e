import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/infra/postgres/pool.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, postgresReachable, type TestDatabase } from "../helpers/databases.js";
import { eventually, inboxEnv, postSlack, SLACK } from "../helpers/handoff-wire.js";
import { startTestSmtp } from "../helpers/smtp.js";

const OPERATOR = { authorization: "Bearer operator-secret" };
const MANAGER = "U0MGR1";
const APPROVALS_CHANNEL = "C0APPROVE";

async function seedCrm(db: Database) {
  await db.pool.query(`
    insert into reps (id, name, email, role, region) values ('rep_1', 'Rita Rep', 'rita@seller.example', 'rep', 'NA');
    insert into products (id, name, series, list_price) values ('prod_1', 'Helix Pro', 'Pro', 12000);
    insert into accounts (id, name, sector, region, employees) values ('acc_1', 'Globex', 'Manufacturing', 'NA', 900);
    insert into contacts (id, account_id, first_name, last_name, email, phone, seniority, timezone)
      values ('con_1', 'acc_1', 'Jane', 'Doe', 'jane@globex.example', '+14155550134', 'vp', 'America/New_York');
    insert into deals (id, name, account_id, contact_id, owner_rep_id, product_id, stage, amount, engaged_at, stage_entered_at, next_step)
      values ('deal_1', 'Globex renewal', 'acc_1', 'con_1', 'rep_1', 'prod_1', 'proposal', 48000, now() - interval '40 days', now() - interval '10 days', 'Review the security questionnaire');
    insert into activities (id, kind, direction, account_id, contact_id, deal_id, subject, occurred_at)
      values ('act_seed', 'demo', 'outbound', 'acc_1', 'con_1', 'deal_1', 'Product demo', '2026-11-20T16:00:00Z');
  `);
}

let seq = 0;
/** A direct message to the bot from a Slack user, signed as Slack signs it. */
function slackDm(channel: string, text: string, user: string = SLACK.rep): string {
  const n = ++seq;
  const nowSec = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    team_id: SLACK.team,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: `EvAppr${String(n).padStart(6, "0")}${process.pid}`,
    event_time: nowSec,
    event: { type: "message", channel, channel_type: "im", user, text, ts: `${nowSec}.${String(n).padStart(6, "0")}`, team: SLACK.team },
  });
}

/** A button pressed on the approval post: the signed `block_actions` interaction Slack sends. */
function slackButton(post: { channel: string; ts: string }, actionId: string, approvalId: string, user = MANAGER): string {
  return new URLSearchParams({
    payload: JSON.stringify({
      type: "block_actions",
      team: { id: SLACK.team, domain: "acme" },
      user: { id: user, team_id: SLACK.team },
      api_app_id: "A0APP",
      channel: { id: post.channel, name: "approvals" },
      message: { type: "message", ts: post.ts, text: "Approval" },
      trigger_id: `1.2.${++seq}`,
      response_url: "http://127.0.0.1:9/unused",
      actions: [{ type: "button", action_id: actionId, block_id: `approval:${approvalId}`, value: approvalId, action_ts: "1.2" }],
    }),
  }).toString();
}

function slackThreadReply(thread: { channel: string; ts: string }, text: string, user = MANAGER): string {
  const n = ++seq;
  const nowSec = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    team_id: SLACK.team,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: `EvApprT${String(n).padStart(6, "0")}${process.pid}`,
    event_time: nowSec,
    event: { type: "message", channel: thread.channel, channel_type: "channel", user, text, ts: `${nowSec}.${String(n).padStart(6, "0")}`, thread_ts: thread.ts, team: SLACK.team },
  });
}

describe("approvals: a follow-up a rep asks for waits for a manager, and is resumed from another container", () => {
  let kind: "pglite" | "postgres";
  let db: TestDatabase;
  let second: Database;
  let slack: FakeSlackApi;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    kind = (await postgresReachable()) ? "postgres" : "pglite";
    db = await openTestDatabase(kind);
    await seedCrm(db);
    // The second container has its own pool on the same PostgreSQL database (PGlite: one in-process database).
    second = kind === "postgres" ? await openDatabase({ url: db.url, dataDir: "", poolMax: 5 }) : db;
    slack = await startFakeSlackApi();
    smtp = await startTestSmtp();
    const env = inboxEnv({ slackApiUrl: slack.apiUrl }, { SLACK_MANAGERS: MANAGER, SLACK_APPROVALS_CHANNEL: APPROVALS_CHANNEL, SMTP_URL: smtp.url, SMTP_FROM: "sales@helix.example" });
    a = await startTestApp(db, env);
    b = await startTestApp(second, env);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (second && second !== db) await second.close();
    await slack?.close();
    await smtp?.close();
    await db?.dispose();
  });

  const postsTo = (channel: string) => slack.callsTo("chat.postMessage").filter((c) => c.body.channel === channel);

  /** The rep asks in a DM on container A; returns the approval id and its Slack post. */
  async function repAsks(dm: string, text: string) {
    expect(await postSlack(a.url, slackDm(dm, text))).toBe(200);
    const waiting = await eventually(async () => postsTo(dm).find((p) => /Waiting for approval \(AP-\d+\)/.test(p.body.text)), "the rep told it waits");
    const id = /AP-\d+/.exec(waiting.body.text)![0];
    const post = await eventually(async () => postsTo(APPROVALS_CHANNEL).find((p) => p.body.text.includes(id) && !p.body.thread_ts), "the approval post");
    const ts = await eventually(() => slackTsOf(id), "the stored post");
    return { id, waiting: waiting.body.text as string, post, thread: { channel: APPROVALS_CHANNEL, ts } };
  }

  async function slackTsOf(id: string): Promise<string | undefined> {
    const { rows } = await db.pool.query("select slack_ts from approvals where id = $1", [id]);
    return rows[0]?.slack_ts ?? undefined;
  }

  it("waits for approval, then an Approve click handled by the second container sends the email and tells the rep", async () => {
    const { id, waiting, post, thread } = await repAsks("D0REP1", "send a follow-up email to Jane Doe about the renewal pricing");
    expect(waiting).toContain("jane@globex.example");
    expect(waiting).toContain("Hi Jane");
    const blocks = JSON.stringify(post.body.blocks);
    for (const action of ["approval_approve", "approval_edit", "approval_reject"]) expect(blocks).toContain(action);
    expect(smtp.received).toHaveLength(0);

    const pending = await b.get("/api/approvals", OPERATOR);
    expect(pending.body.approvals.map((p: any) => p.id)).toContain(id);

    // A rep may not decide; a manager's click on container B resumes the graph paused in container A.
    const before = smtp.received.length;
    expect(await postSlack(b.url, slackButton(thread, "approval_approve", id, SLACK.rep), "application/x-www-form-urlencoded")).toBe(200);
    await eventually(async () => (slack.callsTo("chat.postEphemeral").some((c) => c.body.user === SLACK.rep && /Only managers/.test(c.body.text)) ? true : undefined), "the refusal");
    expect(smtp.received.length).toBe(before);

    expect(await postSlack(b.url, slackButton(thread, "approval_approve", id), "application/x-www-form-urlencoded")).toBe(200);
    const raw = await eventually(async () => smtp.received[before], "the email at the SMTP server", 15_000);
    expect(raw).toMatch(/^To: jane@globex\.example/m);
    expect(raw).toMatch(/^Subject: Following up: the renewal pricing/m);
    expect(raw).toContain("Review the security questionnaire");
    const told = await eventually(async () => postsTo("D0REP1").find((p) => /Sent the follow-up email to Jane Doe/.test(p.body.text)), "the rep told the outcome");
    expect(told.body.text).toContain("approved");

    const detail = await b.get(`/api/approvals/${id}`, OPERATOR);
    expect(detail.body).toMatchObject({ status: "approved", decidedBy: `slack:${MANAGER}` });
    expect(detail.body.audit.map((e: any) => e.event)).toEqual(["requested", "approved", "completed"]);
    expect(detail.body.audit[1].before.body).toContain("Hi Jane");
    expect(detail.body.audit[1].after).toEqual(detail.body.audit[1].before);
    const activity = await db.pool.query("select kind, contact_id from activities where kind = 'email' and contact_id = 'con_1'");
    expect(activity.rows).toHaveLength(1);

    // A second click (any container) finds it decided: nothing is sent twice.
    const again = await a.post(`/api/approvals/${id}`, { decision: "approve" }, OPERATOR);
    expect(again.status).toBe(409);
  });

  it("never sends a rejected follow-up, and the conversation continues afterwards", async () => {
    const { id } = await repAsks("D0REP2", "draft a follow-up email to the Globex contact");
    const sentBefore = smtp.received.length;
    // While it waits, the conversation says so instead of dropping the paused step.
    expect(await postSlack(a.url, slackDm("D0REP2", "how is the Globex deal going?"))).toBe(200);
    await eventually(async () => postsTo("D0REP2").find((p) => /waiting for approval/.test(p.body.text)), "the still-waiting notice");

    const decided = await b.post(`/api/approvals/${id}`, { decision: "reject", author: "Maria" }, OPERATOR);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: "rejected", decidedBy: "operator:Maria" });
    expect(decided.body.outcome).toMatch(/rejected by Maria; nothing was sent/);
    await eventually(async () => postsTo("D0REP2").find((p) => /rejected by Maria/.test(p.body.text)), "the rep told of the rejection");
    expect(smtp.received.length).toBe(sentBefore);
    const audit = (await b.get(`/api/approvals/${id}`, OPERATOR)).body.audit;
    expect(audit.map((e: any) => [e.event, e.after])).toEqual([["requested", null], ["rejected", null], ["completed", null]]);

    expect(await postSlack(a.url, slackDm("D0REP2", "how is the Globex deal going?"))).toBe(200);
    await eventually(async () => postsTo("D0REP2").find((p) => /Globex renewal/.test(p.body.text ?? "") || JSON.stringify(p.body.blocks ?? "").includes("Globex renewal")), "a normal answer again");
  });

  it("sends an edited follow-up as edited: a manager's reply in the approval post's thread", async () => {
    const { id, thread } = await repAsks("D0REP3", "send a follow-up to Jane Doe about next week's workshop");
    const invalid = await b.post(`/api/approvals/${id}`, { decision: "edit", edits: { body: "" } }, OPERATOR);
    expect(invalid.status).toBe(400);
    const sentBefore = smtp.received.length;
    expect(await postSlack(b.url, slackThreadReply(thread, "Hi Jane, looking forward to the workshop on Tuesday. Best, Rita"))).toBe(200);
    const raw = await eventually(async () => smtp.received[sentBefore], "the edited email", 15_000);
    expect(raw).toContain("looking forward to the workshop on Tuesday");
    expect(raw).not.toContain("Thank you for");
    const detail = (await b.get(`/api/approvals/${id}`, OPERATOR)).body;
    expect(detail.status).toBe("edited");
    const edited = detail.audit.find((e: any) => e.event === "edited");
    expect(edited.before.body).toContain("Thank you for");
    expect(edited.after.body).toBe("Hi Jane, looking forward to the workshop on Tuesday. Best, Rita");
    await eventually(async () => postsTo("D0REP3").find((p) => /edited and approved/.test(p.body.text)), "the rep told");
  });

  it("sends at once with APPROVAL_REQUIRED=false", async () => {
    const env = inboxEnv({ slackApiUrl: slack.apiUrl }, { APPROVAL_REQUIRED: "false", SLACK_MANAGERS: MANAGER, SMTP_URL: smtp.url, SMTP_FROM: "sales@helix.example" });
    const direct = await startTestApp(second, env);
    try {
      const sentBefore = smtp.received.length;
      expect(await postSlack(direct.url, slackDm("D0REP4", "send a follow-up email to Jane Doe about pricing"))).toBe(200);
      await eventually(async () => postsTo("D0REP4").find((p) => /Sent the follow-up email to Jane Doe/.test(p.body.text)), "sent at once");
      expect(smtp.received.length).toBe(sentBefore + 1);
      expect(postsTo("D0REP4").some((p) => /Waiting for approval/.test(p.body.text))).toBe(false);
    } finally {
      await direct.close();
    }
  });
});
