import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { createMemoryDeduper } from "../../channels/shared/dedupe.js";
import type { LiveMessageTiming } from "../../channels/shared/live-message.js";
import { createSlackRoutes } from "../../channels/slack/slack-adapter.js";
import { systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import type { ConversationHandler } from "../../src/core/ports.js";
import type { FakeSlackApi } from "../fakes/slack-api.js";

const SECRET = "streaming-test-signing-secret-0001";
const TEAM = "T0001";
const REP = "U0REP1";

export interface SlackStreamHarness {
  url: string;
  /** Posts a signed `app_mention` from the rep in channel C0SALES; the answer goes to its thread. */
  mention(text: string): Promise<void>;
  /** Posts a signed `/sales` command from the rep. */
  command(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Slack routes over the fake Web API, with a clock that moves (live updates are timed). */
export async function startSlackStreamHarness(slack: FakeSlackApi, handler: ConversationHandler, liveTiming: LiveMessageTiming): Promise<SlackStreamHarness> {
  const routes = createSlackRoutes({
    handler,
    config: { signingSecret: SECRET, botToken: "xoxb-test", apiUrl: slack.apiUrl, allowedTeams: [TEAM], reps: [REP], managers: [] },
    tenant: "acme",
    logger: silentLogger(),
    deduper: createMemoryDeduper({ clock: systemClock }),
    liveTiming,
  });
  const app = express();
  app.use(routes.router);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let seq = 0;
  async function post(body: string, contentType: string) {
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
    const res = await fetch(`${url}/slack/events`, {
      method: "POST",
      headers: { "content-type": contentType, "x-slack-request-timestamp": String(ts), "x-slack-signature": signature },
      body,
    });
    if (res.status !== 200) throw new Error(`Slack route answered ${res.status}`);
    await res.text();
  }
  return {
    url,
    async mention(text) {
      seq += 1;
      const ts = `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, "0")}`;
      const event = { type: "app_mention", user: REP, text: `<@UBOT0001> ${text}`, ts, channel: "C0SALES", team: TEAM };
      await post(JSON.stringify({ type: "event_callback", team_id: TEAM, api_app_id: "A0APP", event_id: `EvS${Date.now()}${seq}`, event_time: 1, event }), "application/json");
    },
    async command(text) {
      seq += 1;
      const form = { team_id: TEAM, channel_id: "C0SALES", user_id: REP, command: "/sales", text, response_url: slack.responseUrl(), trigger_id: `trig-${seq}` };
      await post(new URLSearchParams(form).toString(), "application/x-www-form-urlencoded");
    },
    async close() {
      if (!server.listening) return;
      await routes.drain();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

