import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/app/demo.js";
import { startCompetitorSite, type CompetitorSite } from "../fakes/competitor-site.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

/** Competitive intel through the real server: a rep in Slack gets the digest and battlecards, a web prospect public positioning only. */
const SECRET = "intel-slack-secret";
const TEAM = "T0INTEL";
const REP = "U0INTELREP";

describe("competitive intel in the channels", () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let site: CompetitorSite;
  let app: TestApp;
  let seq = 0;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    slack = await startFakeSlackApi();
    site = await startCompetitorSite();
    app = await startTestApp(db, {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: "xoxb-intel",
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALLOWED_TEAMS: TEAM,
      SLACK_REPS: REP,
      INTEL_CONFIG: "/nonexistent/intel.yaml",
    });
    await loadDemo(db.pool, app.container.kb);
    const intel = app.container.intel.service;
    await intel.store.addSource({ competitor: "Qlik", url: `${site.url}/pricing`, kind: "page" });
    await intel.watcher.fetchAll();
    site.state.price = 45;
    await intel.watcher.fetchAll();
  });

  afterAll(async () => {
    await app?.close();
    await slack?.close();
    await site?.close();
    await db?.dispose();
  });

  async function askInSlack(text: string) {
    seq += 1;
    slack.reset();
    const ts = `${Math.floor(Date.now() / 1000)}.00${seq}`;
    const body = JSON.stringify({
      team_id: TEAM, api_app_id: "A0", type: "event_callback", event_id: `EvIntel${seq}`,
      event: { type: "app_mention", user: REP, team: TEAM, channel: "C0SALES", ts, text: `<@UBOT0001> ${text}` },
    });
    const now = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${now}:${body}`).digest("hex")}`;
    const res = await fetch(`${app.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(now), "x-slack-signature": signature },
      body,
    });
    expect(res.status).toBe(200);
    const [call] = await slack.waitFor("chat.postMessage", 1, 30_000);
    return JSON.stringify(call!.body);
  }

  it("gives a rep asking in Slack for competitor news this week the digest, with old and new price and the link", async () => {
    const posted = await askInSlack("competitor news this week");
    expect(posted).toContain("$40 → $45 per user per month");
    expect(posted).toContain(`${site.url}/pricing`);
    expect(posted).toContain("Talk track");
  });

  it("gives a rep the full battlecard against Qlik", async () => {
    const posted = await askInSlack("Give me a battlecard against Qlik");
    for (const section of ["Their strengths", "Their weaknesses", "Landmines to lay", "Objection handling", "Proof points"]) expect(posted).toContain(section);
    expect(posted).toContain("load scripts"); // a landmine question from the internal card
    expect(posted).toContain("$45"); // and the recent intel
  });

  it("gives a prospect asking the same on the web public positioning only", async () => {
    const leaks = /\$45|\$40|Landmine|load scripts|Internal only|discount|win rate|Talk track/i;
    // "this week" in a prospect's first message is also taken as their buying timeline (the dialogue layer's
    // slot filling), so that turn may be acknowledged as such; whatever it answers, nothing internal leaks
    const same = await app.post("/api/chat", { text: "competitor news this week" });
    expect(same.status).toBe(200);
    expect(same.body.reply).not.toMatch(leaks);
    for (const text of ["Summarise competitor news", "why you over Qlik?"]) {
      const res = await app.post("/api/chat", { text });
      expect(res.status).toBe(200);
      expect(res.body.intent, `${text} → ${res.body.reply}`).toBe("competitive_intel");
      const reply = res.body.reply as string;
      expect(reply).not.toMatch(leaks);
      expect(reply).toMatch(/Helix/);
    }
  });
});
