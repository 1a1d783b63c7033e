import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../src/demo/seed.js";
import { startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from "../fakes/slack-api.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

/**
 * Call intelligence end to end in local mode: a rep pastes (or uploads) a discovery call in Slack, the real
 * graph analyses it, the answer comes back as Block Kit, and the CRM holds the call, the activity and the
 * deal's new next step. Requests are signed exactly as Slack signs them.
 */
const SECRET = "transcripts-slack-signing-secret";
const TEAM = "T0CALLS";
const REP = "U0CALLREP";
const TOKEN = "operator-token-for-transcripts";
const CALL = fs.readFileSync(path.join(import.meta.dirname, "../../tools/transcripts/fixtures/discovery-call.txt"), "utf8");

function sign(body: string, ts: number) {
  return `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
}

describe("call transcripts through Slack, the API and the CRM", () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let app: TestApp;
  let deal: { id: string; account: string };
  let seq = 0;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool);
    slack = await startFakeSlackApi();
    app = await startTestApp(db, {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: "xoxb-calls",
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALLOWED_TEAMS: TEAM,
      SLACK_REPS: REP,
      SALESGRAPH_API_TOKEN: TOKEN,
      COMPANY_NAME: "Helix Data",
    });
    const { rows } = await db.pool.query(
      `select d.id, a.name as account from deals d join accounts a on a.id = d.account_id
        where d.stage not in ('won', 'lost') order by d.amount desc limit 1`,
    );
    deal = rows[0];
  });

  afterAll(async () => {
    await app?.close();
    await slack?.close();
    await db?.dispose();
  });

  async function postEvent(event: Record<string, unknown>) {
    seq += 1;
    const body = JSON.stringify({ team_id: TEAM, api_app_id: "A0", type: "event_callback", event_id: `EvCall${seq}`, event });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${app.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(ts), "x-slack-signature": sign(body, ts) },
      body,
    });
    expect(res.status).toBe(200);
  }

  /** The answer as the rep finally sees it: a posted message, or the streamed placeholder's last update. */
  async function finalAnswer(channel: string, since: number, timeoutMs = 10_000): Promise<SlackApiCall> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const done = slack.calls.find(
        (c) => c.at >= since && c.body.channel === channel && (c.method === "chat.postMessage" || c.method === "chat.update") && Array.isArray(c.body.blocks) && c.body.blocks.length > 0,
      );
      if (done) return done;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no answer in ${channel}: ${JSON.stringify(slack.calls.map((c) => c.method))}`);
  }

  it("answers a pasted 30-turn discovery call within 2 s in local mode and logs it on the deal", async () => {
    const text = CALL.replace("Globex", deal.account);
    expect(text.split("\n").filter(Boolean)).toHaveLength(30);
    const started = Date.now();
    await postEvent({ type: "message", channel_type: "im", channel: "D0CALL1", user: REP, team: TEAM, text, ts: `${Math.floor(started / 1000)}.000100` });
    const answer = await finalAnswer("D0CALL1", started);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2000);

    const body = answer.body.text as string;
    expect(body).toContain("Talk share: rep");
    expect(body).toContain("too expensive for us");
    expect(body).toContain("Next steps:");
    expect(body).toContain("send the ROI summary and the SOC 2 report by Friday");
    expect(body).toContain("Coaching");
    const blocks = JSON.stringify(answer.body.blocks);
    expect(blocks).toContain("Talk share (by time)");
    expect(blocks).toContain("Objections");
    expect(blocks).toContain("call transcript");

    const activity = await db.pool.query(`select kind, subject, outcome from activities where deal_id = $1 and kind = 'call' and id like 'act-tr-%'`, [deal.id]);
    expect(activity.rows).toHaveLength(1);
    expect(activity.rows[0].subject).toMatch(/^Call analysed: 4 objection\(s\), \d next step\(s\)$/);
    const stored = await db.pool.query(`select source, format, activity_id, analysis->'talk_ratio' as talk from transcripts where deal_id = $1`, [deal.id]);
    expect(stored.rows[0]).toMatchObject({ source: "slack", format: "timestamped" });
    expect(stored.rows[0].talk.rep).toBeGreaterThan(0.5);
    const { rows } = await db.pool.query(`select next_step from deals where id = $1`, [deal.id]);
    expect(rows[0].next_step).toBe("send the ROI summary and the SOC 2 report by Friday");
  });

  it("reads a .vtt file shared in a DM with the bot token and answers with Block Kit", async () => {
    const vtt = [
      "WEBVTT",
      "",
      "00:00:00.000 --> 00:00:05.000",
      "<v Sam Rivera>Hi Ana, I'm Sam from Helix Data. What made you look at reporting tools now?",
      "",
      "00:00:05.500 --> 00:00:15.000",
      "<v Ana Ruiz>Our month-end report takes three days and it is frustrating. We are also looking at Tableau.",
      "",
      "00:00:15.800 --> 00:00:25.000",
      "<v Sam Rivera>That is a common problem. Unlike Tableau, we build the finance pack for you. I'll send a comparison by Friday.",
      "",
      "00:00:25.500 --> 00:00:28.000",
      "<v Ana Ruiz>Great, thanks.",
      "",
    ].join("\n");
    slack.addFile({ id: "F0CALLVTT", name: "call.vtt", content: vtt });
    const started = Date.now();
    await postEvent({
      type: "message",
      subtype: "file_share",
      channel_type: "im",
      channel: "D0CALL2",
      user: REP,
      team: TEAM,
      text: "",
      ts: `${Math.floor(started / 1000)}.000200`,
      files: [{ id: "F0CALLVTT", name: "call.vtt", size: vtt.length }],
    });
    const answer = await finalAnswer("D0CALL2", started);
    expect(answer.body.text).toContain("competitor");
    expect(answer.body.text).toContain("I'll send a comparison by Friday".replace("I'll ", "").slice(0, 10));
    expect(slack.callsTo("files.info").at(-1)!.body.file).toBe("F0CALLVTT");
    expect(slack.callsTo("file_download").at(-1)!.token).toBe("xoxb-calls");
  });

  it("POST /api/transcripts needs the operator token and answers the analysis", async () => {
    expect((await app.post("/api/transcripts", { text: CALL })).status).toBe(401);
    const bad = await app.post("/api/transcripts", { text: "no speakers here" }, { authorization: `Bearer ${TOKEN}` });
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toMatch(/^no speaker turns found/);
    const unknownRep = await app.post("/api/transcripts", { text: CALL, reps: ["Zed"], log: false }, { authorization: `Bearer ${TOKEN}` });
    expect(unknownRep.status).toBe(400);
    const ok = await app.post("/api/transcripts", { text: CALL, reps: ["Sam Rivera"], dealId: deal.id }, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.body.analysis.talk_ratio.rep + ok.body.analysis.talk_ratio.customer).toBeCloseTo(1, 6);
    expect(ok.body.analysis.objections.map((o: { type: string }) => o.type)).toEqual(["price", "competitor", "security", "authority"]);
    expect(ok.body.logged).toMatchObject({ dealId: deal.id, nextStepUpdated: true });
    const audio = await fetch(`${app.url}/api/transcripts?filename=call.mp3`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "audio/mpeg" },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(audio.status).toBe(501);
    expect(((await audio.json()) as { reason: string }).reason).toMatch(/OPENAI_API_KEY/);
  });
});
