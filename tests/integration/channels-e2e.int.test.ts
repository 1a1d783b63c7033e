import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../src/demo/seed.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

/**
 * The channels mounted on the real server, in front of the real graph: requests signed exactly as Slack
 * and Twilio sign them, answers arriving at the fake platform API or as TwiML.
 */
const SLACK_SECRET = "e2e-slack-signing-secret";
const TWILIO_TOKEN = "e2e-twilio-auth-token";
const PUBLIC_BASE = "https://sales.example.com";
const TEAM = "T0E2E";
const REP = "U0E2EREP";
const STRANGER = "U0E2EXXX";
const PROSPECT = "+14155550177";

function slackSign(body: string, ts: number, secret = SLACK_SECRET) {
  return `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`;
}

function twilioSign(url: string, params: Record<string, string>, token = TWILIO_TOKEN) {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac("sha1", token).update(Buffer.from(data, "utf8")).digest("base64");
}

describe("channels end to end on the real server", () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let app: TestApp;
  let account: string;
  let seq = 0;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool);
    slack = await startFakeSlackApi();
    app = await startTestApp(db, {
      PUBLIC_BASE_URL: PUBLIC_BASE,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: "xoxb-e2e",
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALLOWED_TEAMS: TEAM,
      SLACK_REPS: REP,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
    });
    account = (
      await db.pool.query(
        `select a.name from deals d join accounts a on a.id = d.account_id
          where d.stage not in ('won','lost') order by d.amount desc limit 1`,
      )
    ).rows[0].name;
  });

  afterAll(async () => {
    await app?.close();
    await slack?.close();
    await db?.dispose();
  });

  async function postSlack(event: Record<string, unknown>, sign = slackSign) {
    seq += 1;
    const body = JSON.stringify({ team_id: TEAM, api_app_id: "A0", type: "event_callback", event_id: `EvE2E${seq}`, event });
    const ts = Math.floor(Date.now() / 1000);
    return fetch(`${app.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(ts), "x-slack-signature": sign(body, ts) },
      body,
    });
  }

  async function postSms(text: string, signature?: string | null) {
    seq += 1;
    const params = { From: PROSPECT, To: "+14155550100", Body: text, MessageSid: `SM${seq.toString(16).padStart(32, "0")}`, AccountSid: `AC${"0".repeat(32)}` };
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (signature !== null) headers["x-twilio-signature"] = signature ?? twilioSign(`${PUBLIC_BASE}/sms/twilio`, params);
    const res = await fetch(`${app.url}/sms/twilio`, { method: "POST", headers, body: new URLSearchParams(params).toString() });
    return { status: res.status, body: await res.text() };
  }

  it("mounts every configured channel", () => {
    expect(app.server.channels).toEqual(expect.arrayContaining(["web", "slack", "sms"]));
  });

  it("answers an allow-listed rep's Slack mention with the deal from the CRM, in the thread", async () => {
    const ts = `${Math.floor(Date.now() / 1000)}.000100`;
    const res = await postSlack({ type: "app_mention", user: REP, team: TEAM, channel: "C0SALES", ts, text: `<@UBOT0001> how's the ${account} deal?` });
    expect(res.status).toBe(200);
    const [call] = await slack.waitFor("chat.postMessage", 1, 20_000);
    expect(call!.body.channel).toBe("C0SALES");
    expect(call!.body.thread_ts).toBe(ts);
    expect(JSON.stringify(call!.body)).toContain(account);
    // the deal card: Block Kit fields rendered from the node's structured insight
    const fields = (call!.body.blocks as any[]).flatMap((b) => b.fields ?? []).map((f: any) => f.text);
    expect(fields.join(" ")).toMatch(/Close probability/);
  });

  it("refuses a Slack user who is not on the allow-list, without internal data", async () => {
    slack.reset();
    const ts = `${Math.floor(Date.now() / 1000)}.000200`;
    await postSlack({ type: "app_mention", user: STRANGER, team: TEAM, channel: "C0SALES", ts, text: `<@UBOT0001> how's the ${account} deal?` });
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.calls.length).toBeGreaterThan(0); // the polite refusal
    expect(JSON.stringify(slack.calls)).not.toContain(account);
  });

  it("rejects a Slack request signed with the wrong secret before anything runs", async () => {
    slack.reset();
    const res = await postSlack(
      { type: "app_mention", user: REP, team: TEAM, channel: "C0SALES", ts: "1.1", text: "<@UBOT0001> pipeline" },
      (body, ts) => slackSign(body, ts, "wrong-secret"),
    );
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.calls).toHaveLength(0);
  });

  it("runs the SMS flow as TwiML, honours STOP, and then sends nothing", async () => {
    const hello = await postSms("hi there");
    expect(hello.status).toBe(200);
    expect(hello.body).toMatch(/<Response><Message>.+<\/Message><\/Response>/s);
    const stop = await postSms("STOP");
    expect(stop.body).toMatch(/unsubscribed/i);
    const after = await postSms("what does Helix Pro cost?");
    expect(after.status).toBe(200);
    expect(after.body).not.toMatch(/<Message>/);
  });

  it("rejects SMS webhooks without or with a bad signature", async () => {
    expect((await postSms("hi", null)).status).toBe(400);
    expect((await postSms("hi", "bm90LWEtc2lnbmF0dXJl")).status).toBe(403);
  });
});
