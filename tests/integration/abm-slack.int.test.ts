import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoKnowledge } from "../../knowledge/demo/seed.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

/**
 * A manager asks the assistant in Slack, signed as Slack signs, for target accounts and then a playbook for
 * one of them; both answers come back in the thread through the real server, graph and tools.
 */
const SECRET = "abm-slack-signing-secret";
const TEAM = "T0ABM";
const MANAGER = "U0ABMMGR";

function slackSign(body: string, ts: number) {
  return `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
}

describe("account-based marketing in Slack", () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let app: TestApp;
  let seq = 0;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool);
    slack = await startFakeSlackApi();
    app = await startTestApp(db, { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: "xoxb-abm", SLACK_API_URL: slack.apiUrl, SLACK_ALLOWED_TEAMS: TEAM, SLACK_MANAGERS: MANAGER });
    await seedDemoKnowledge(app.container.kb);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await slack?.close();
    await db?.dispose();
  });

  async function ask(text: string): Promise<string> {
    seq += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.00${seq}00`;
    const body = JSON.stringify({ team_id: TEAM, api_app_id: "A0", type: "event_callback", event_id: `EvAbm${seq}`, event: { type: "app_mention", user: MANAGER, team: TEAM, channel: "C0MKT", ts, text: `<@UBOT0001> ${text}` } });
    const now = Math.floor(Date.now() / 1000);
    const res = await fetch(`${app.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(now), "x-slack-signature": slackSign(body, now) },
      body,
    });
    expect(res.status).toBe(200);
    const calls = await slack.waitFor("chat.postMessage", seq, 60_000);
    const answer = calls[seq - 1]!;
    expect(answer.body.thread_ts).toBe(ts);
    const updates = slack.callsTo("chat.update").filter((c) => c.body.ts === answer.body.ts);
    return String((updates.at(-1) ?? answer).body.text ?? "");
  }

  it("lists the top target accounts in retail with fit and intent apart, then a playbook for the first one", async () => {
    const targets = await ask("top 20 target accounts in retail");
    expect(targets).toMatch(/target accounts \(retail/);
    expect(targets).toMatch(/fit \d+, intent \d+/);
    const { rows } = await db.pool.query(`select name from accounts where sector = 'retail'`);
    const retail = rows.map((r) => r.name as string);
    const first = /\n1\. (.+?) — fit/.exec(targets)![1]!;
    expect(retail).toContain(first);

    const playbook = await ask(`playbook for ${first}`);
    expect(playbook).toContain(`ABM playbook: ${first}`);
    expect(playbook).toMatch(/Stakeholder map:\n[-•] (economic buyer|champion|technical evaluator|user): /);
    expect(playbook).toMatch(/Value propositions:\n[-•] (?!none found)[^\n]+\[knowledge\/demo\//);
    expect(playbook).toMatch(/Engagement sequence:\n[-•] week 1/);
    expect(playbook).toMatch(/Success metrics:/);
  }, 120_000);

  it("answers 'tell me everything about' an account with the unified profile", async () => {
    const profile = await ask("tell me everything about Pioneer Capital");
    expect(profile).toMatch(/^Profile: Pioneer Capital — lifecycle: /);
    for (const line of ["Firmographics:", "Interactions:", "Deals:", "Segment:", "Predicted value:", "Churn risk:", "Next best actions:"]) expect(profile).toContain(line);
  }, 120_000);
});
