import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { createMemoryDeduper } from "../channels/shared/dedupe.js";
import { createRateLimiter } from "../channels/shared/rate-limiter.js";
import { createSlackRoutes } from "../channels/slack/slack-adapter.js";
import { createTwilioRoutes } from "../channels/sms/twilio-adapter.js";
import { silentLogger } from "../src/core/logger.js";
import type { InboundMessage, OutboundMessage } from "../src/core/ports.js";
import { startFakeSlackApi } from "../tests/fakes/slack-api.js";
import { fmt, summarize, timedPool } from "./stats.js";

const SLACK_SECRET = "bench-signing-secret";
const TWILIO_TOKEN = "bench-auth-token-0123456789abcdef";
const ACCOUNT_SID = `AC${"0f".repeat(16)}`;
const PUBLIC_BASE = "https://bench.example.com";

/**
 * Time to acknowledge a signed Slack event and a signed Twilio webhook under a burst (`total` requests,
 * `concurrency` in flight) when every turn takes `turnMs`. Slack acknowledges before the turn, so its figure
 * should stay far below turnMs; Twilio answers with TwiML, so its figure includes the turn.
 */
export async function benchChannels(options: { total?: number; concurrency?: number; turnMs?: number } = {}): Promise<string> {
  const total = options.total ?? 200;
  const concurrency = options.concurrency ?? 50;
  const turnMs = options.turnMs ?? 200;
  const logger = silentLogger();
  const slow = async (m: InboundMessage): Promise<OutboundMessage[]> => {
    await new Promise((resolve) => setTimeout(resolve, turnMs));
    return [{ conversationId: m.conversationId, text: "Globex renewal: Negotiation, $48,000.", intent: "deal_insight" }];
  };

  const slackApi = await startFakeSlackApi();
  const slack = createSlackRoutes({
    handler: slow,
    config: { signingSecret: SLACK_SECRET, botToken: "xoxb-bench", apiUrl: slackApi.apiUrl, allowedTeams: ["T0BENCH"], reps: ["U0BENCH"], managers: [] },
    tenant: "bench",
    logger,
    deduper: createMemoryDeduper(),
    rateLimiter: createRateLimiter({ perMinute: 1_000_000 }),
  });
  const sms = createTwilioRoutes({
    handler: slow,
    config: { accountSid: ACCOUNT_SID, authToken: TWILIO_TOKEN, quietHours: { start: 21, end: 8 } },
    publicBaseUrl: PUBLIC_BASE,
    company: { name: "Bench", supportEmail: "help@bench.example", supportPhone: "+1 555 0100" },
    tenant: "bench",
    logger,
    deduper: createMemoryDeduper(),
    rateLimiter: createRateLimiter({ perMinute: 1_000_000 }),
  });
  const app = express();
  app.use(slack.router);
  app.use(sms.router);
  const server = http.createServer(app);
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const slackEvent = async (i: number) => {
    const body = JSON.stringify({
      type: "event_callback",
      team_id: "T0BENCH",
      event_id: `EvBENCH${i}`,
      event: { type: "app_mention", user: "U0BENCH", text: "<@UBOT> how is globex?", ts: `1700000000.${String(i).padStart(6, "0")}`, channel: "C0BENCH" },
    });
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", SLACK_SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
    const res = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(ts), "x-slack-signature": signature },
      body,
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`slack bench: HTTP ${res.status}`);
  };

  const twilioWebhook = async (i: number) => {
    const params: Record<string, string> = {
      MessageSid: `SM${i.toString(16).padStart(32, "0")}`,
      AccountSid: ACCOUNT_SID,
      From: `+1415555${String(1000 + (i % 9000)).padStart(4, "0")}`,
      To: "+14155550100",
      Body: "What does the Pro plan cost?",
    };
    const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], `${PUBLIC_BASE}/sms/twilio`);
    const signature = createHmac("sha1", TWILIO_TOKEN).update(data).digest("base64");
    const res = await fetch(`${base}/sms/twilio`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(params).toString(),
    });
    await res.text();
    if (res.status !== 200) throw new Error(`twilio bench: HTTP ${res.status}`);
  };

  try {
    await timedPool(20, 5, (i) => slackEvent(100_000 + i));
    await timedPool(20, 5, (i) => twilioWebhook(100_000 + i));
    await slack.drain();
    slackApi.reset();

    const slackRun = await timedPool(total, concurrency, slackEvent);
    const slackAck = summarize(slackRun.samples);
    const burstStart = performance.now();
    await slack.drain();
    const posted = await slackApi.waitFor("chat.postMessage", total, 30_000);
    const deliveredSec = slackRun.seconds + (performance.now() - burstStart) / 1000;
    const twilioRun = await timedPool(total, concurrency, twilioWebhook);
    const twilioAck = summarize(twilioRun.samples);

    const rows = [
      `| Slack event (ack, turn runs after) | ${total} | ${concurrency} | ${fmt(slackAck.p50)} | ${fmt(slackAck.p99)} | ${fmt(total / slackRun.seconds, 0)} |`,
      `| Twilio webhook (TwiML, includes the turn) | ${total} | ${concurrency} | ${fmt(twilioAck.p50)} | ${fmt(twilioAck.p99)} | ${fmt(total / twilioRun.seconds, 0)} |`,
    ];
    return [
      `Handler takes ${turnMs} ms per turn. Signed requests over loopback HTTP; acknowledgement time per request in ms.`,
      "",
      "| request | count | concurrent | p50 ms | p99 ms | req/s |",
      "|---|---|---|---|---|---|",
      ...rows,
      "",
      `Slack: all ${posted.length} answers reached chat.postMessage ${fmt(deliveredSec, 2)} s after the burst began (Slack's limit for acks is 3000 ms).`,
    ].join("\n");
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await slackApi.close();
  }
}
