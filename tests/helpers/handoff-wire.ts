import { createHmac } from "node:crypto";

/**
 * Requests signed exactly as Slack and Twilio sign them, for tests that drive the whole server: the recipes
 * are computed here from the platforms' documentation, not with the libraries under test.
 */
export const SLACK = {
  secret: "8f742231b10e8888abcd99yyyzzz85a5",
  botToken: "xoxb-inbox-test",
  team: "T0001",
  rep: "U0REP1",
  stranger: "U0STRANGE",
  handoffChannel: "C0HANDOFF",
} as const;

export const TWILIO = {
  accountSid: `AC${"a1".repeat(16)}`,
  authToken: "12345678901234567890123456789012",
  from: "+14155550100",
  publicBase: "https://sales.example.com",
} as const;

let seq = 0;
const next = () => ++seq;

/** A `message` event in a channel thread, as Slack delivers a person's reply to a hand-off post. */
export function slackThreadReply(thread: { channel: string; ts: string }, text: string, user: string = SLACK.rep): string {
  const n = next();
  const nowSec = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    token: "legacy-unused",
    team_id: SLACK.team,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: `EvInbox${String(n).padStart(6, "0")}${process.pid}`,
    event_time: nowSec,
    event: {
      type: "message",
      channel: thread.channel,
      channel_type: "channel",
      user,
      text,
      ts: `${nowSec}.${String(n).padStart(6, "0")}`,
      thread_ts: thread.ts,
      team: SLACK.team,
    },
  });
}

/** The Release button pressed on the hand-off post (an interactive `block_actions` payload). */
export function slackReleaseButton(thread: { channel: string; ts: string }, user: string = SLACK.rep): string {
  return new URLSearchParams({
    payload: JSON.stringify({
      type: "block_actions",
      team: { id: SLACK.team, domain: "acme" },
      user: { id: user, team_id: SLACK.team },
      api_app_id: "A0APP",
      channel: { id: thread.channel, name: "handoffs" },
      message: { type: "message", ts: thread.ts, text: "Hand-off" },
      trigger_id: `1.2.${next()}`,
      response_url: "http://127.0.0.1:9/unused",
      actions: [{ type: "button", action_id: "handoff_release", block_id: "b1", value: "HO", action_ts: "1.2" }],
    }),
  }).toString();
}

export async function postSlack(baseUrl: string, body: string, contentType = "application/json"): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SLACK.secret).update(`v0:${ts}:${body}`, "utf8").digest("hex")}`;
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: { "content-type": contentType, "x-slack-request-timestamp": String(ts), "x-slack-signature": signature },
    body,
  });
  await res.text();
  return res.status;
}

/** An incoming SMS webhook, signed over the public URL + sorted parameters. Returns the TwiML body. */
export async function postSms(baseUrl: string, from: string, text: string): Promise<{ status: number; body: string }> {
  const n = next();
  const sid = `SM${(n * 7919 + process.pid).toString(16).padStart(32, "0")}`;
  const params: Record<string, string> = { MessageSid: sid, SmsMessageSid: sid, AccountSid: TWILIO.accountSid, From: from, To: TWILIO.from, Body: text, NumMedia: "0" };
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], `${TWILIO.publicBase}/sms/twilio`);
  const signature = createHmac("sha1", TWILIO.authToken).update(Buffer.from(data, "utf8")).digest("base64");
  const res = await fetch(`${baseUrl}/sms/twilio`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.text() };
}

/** Environment for a server with Slack hand-offs, SMS and an operator token, pointed at the fakes. */
export function inboxEnv(fakes: { slackApiUrl: string; twilioApiUrl?: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SALESGRAPH_API_TOKEN: "operator-secret",
    SLACK_SIGNING_SECRET: SLACK.secret,
    SLACK_BOT_TOKEN: SLACK.botToken,
    SLACK_API_URL: fakes.slackApiUrl,
    SLACK_ALLOWED_TEAMS: SLACK.team,
    SLACK_REPS: SLACK.rep,
    SLACK_HANDOFF_CHANNEL: SLACK.handoffChannel,
    ...(fakes.twilioApiUrl
      ? {
          TWILIO_ACCOUNT_SID: TWILIO.accountSid,
          TWILIO_AUTH_TOKEN: TWILIO.authToken,
          TWILIO_FROM_NUMBER: TWILIO.from,
          TWILIO_API_URL: fakes.twilioApiUrl,
          PUBLIC_BASE_URL: TWILIO.publicBase,
        }
      : {}),
    ...extra,
  };
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
