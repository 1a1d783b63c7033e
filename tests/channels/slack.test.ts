import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackRoutes, SLACK_TEXT } from "../../channels/slack/slack-adapter.js";
import { createMemoryDeduper } from "../../channels/shared/dedupe.js";
import { createRateLimiter } from "../../channels/shared/rate-limiter.js";
import type { ChannelRoutes } from "../../channels/types.js";
import { fixedClock } from "../../src/core/clock.js";
import type { Config } from "../../src/core/config.js";
import { silentLogger } from "../../src/core/logger.js";
import type { InboundMessage, OutboundMessage } from "../../src/core/ports.js";
import { errorHandler } from "../../src/app/http-errors.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW = "2025-03-04T10:00:00.000Z";
const NOW_SEC = Date.parse(NOW) / 1000;
const TEAM = "T0001";
const REP = "U0REP1";
const MANAGER = "U0MGR1";
const STRANGER = "U0STRANGE";

/** Slack's signing, computed here from the documented recipe rather than with any library helper. */
function slackSign(body: string, timestampSec: number, secret = SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSec}:${body}`, "utf8").digest("hex")}`;
}

interface Harness {
  url: string;
  routes: ChannelRoutes;
  received: InboundMessage[];
  setHandler(fn: (m: InboundMessage) => Promise<OutboundMessage[]>): void;
  close(): Promise<void>;
}

async function startHarness(slack: FakeSlackApi, options: { perMinute?: number } = {}): Promise<Harness> {
  const received: InboundMessage[] = [];
  let impl = async (m: InboundMessage): Promise<OutboundMessage[]> => [{ conversationId: m.conversationId, text: `echo: ${m.text}`, intent: "smalltalk" }];
  const clock = fixedClock(NOW);
  const config: Config["slack"] = {
    signingSecret: SECRET,
    botToken: "xoxb-test-token",
    apiUrl: slack.apiUrl,
    allowedTeams: [TEAM],
    reps: [REP],
    managers: [MANAGER],
  };
  const routes = createSlackRoutes({
    handler: async (m) => {
      received.push(m);
      return impl(m);
    },
    config,
    tenant: "acme",
    logger: silentLogger(),
    deduper: createMemoryDeduper({ clock }),
    rateLimiter: createRateLimiter({ perMinute: options.perMinute ?? 1000, clock }),
    clock,
    bodyLimitBytes: 64 * 1024,
  });
  const app = express();
  app.use(routes.router);
  app.use(errorHandler(silentLogger()));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routes,
    received,
    setHandler: (fn) => {
      impl = fn;
    },
    close: async () => {
      await routes.drain();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface SendOptions {
  timestampSec?: number;
  secret?: string;
  signature?: string | null;
  headers?: Record<string, string>;
  contentType?: string;
}

async function send(h: Harness, body: string, options: SendOptions = {}) {
  const ts = options.timestampSec ?? NOW_SEC;
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/json",
    "x-slack-request-timestamp": String(ts),
    ...options.headers,
  };
  if (options.signature !== null) headers["x-slack-signature"] = options.signature ?? slackSign(body, ts, options.secret);
  const res = await fetch(`${h.url}/slack/events`, { method: "POST", headers, body });
  return { status: res.status, text: await res.text() };
}

let eventSeq = 0;
function eventBody(event: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  eventSeq += 1;
  return JSON.stringify({
    token: "legacy-unused",
    team_id: TEAM,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: `Ev${String(eventSeq).padStart(8, "0")}`,
    event_time: NOW_SEC,
    event,
    ...extra,
  });
}

function mention(user: string, text: string, extra: Record<string, unknown> = {}) {
  eventSeq += 1;
  return { type: "app_mention", user, text: `<@UBOT0001> ${text}`, ts: `${NOW_SEC}.${String(eventSeq).padStart(6, "0")}`, channel: "C0SALES", team: TEAM, ...extra };
}

function dm(user: string, text: string, extra: Record<string, unknown> = {}) {
  eventSeq += 1;
  return { type: "message", channel_type: "im", user, text, ts: `${NOW_SEC}.${String(eventSeq).padStart(6, "0")}`, channel: "D0DIRECT", team: TEAM, ...extra };
}

function commandBody(slack: FakeSlackApi, user: string, text: string, team = TEAM): string {
  eventSeq += 1;
  return new URLSearchParams({
    token: "legacy-unused",
    team_id: team,
    team_domain: "acme",
    channel_id: "C0SALES",
    channel_name: "sales",
    user_id: user,
    user_name: "someone",
    command: "/sales",
    text,
    api_app_id: "A0APP",
    response_url: slack.responseUrl(`cmd${eventSeq}`),
    trigger_id: `13345224609.738474920.${eventSeq}`,
  }).toString();
}

const FORM = "application/x-www-form-urlencoded";
const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Slack adapter", () => {
  let slack: FakeSlackApi;
  let h: Harness;

  beforeAll(async () => {
    slack = await startFakeSlackApi();
  });
  afterAll(async () => {
    await slack.close();
  });
  beforeEach(async () => {
    slack.reset();
    h = await startHarness(slack);
  });
  afterEach(async () => {
    await h.close();
  });

  describe("request signing", () => {
    it("rejects a Slack request signed with the wrong secret and runs nothing", async () => {
      const res = await send(h, eventBody(mention(REP, "pipeline?")), { secret: "not-the-secret" });
      expect(res.status).toBe(401);
      await settle();
      expect(h.received).toHaveLength(0);
      expect(slack.calls).toHaveLength(0);
    });

    it("rejects a request without a signature", async () => {
      const res = await send(h, eventBody(mention(REP, "pipeline?")), { signature: null });
      expect(res.status).toBe(401);
      expect(h.received).toHaveLength(0);
    });

    it("rejects a body changed after signing", async () => {
      const body = eventBody(mention(REP, "pipeline?"));
      const res = await send(h, body.replace("pipeline?", "all deals!"), { signature: slackSign(body, NOW_SEC) });
      expect(res.status).toBe(401);
      expect(h.received).toHaveLength(0);
    });

    it("rejects a correctly signed request more than five minutes old, or from the future", async () => {
      for (const timestampSec of [NOW_SEC - 301, NOW_SEC + 301]) {
        const res = await send(h, eventBody(mention(REP, "pipeline?")), { timestampSec });
        expect(res.status).toBe(401);
      }
      await settle();
      expect(h.received).toHaveLength(0);
      expect(slack.calls).toHaveLength(0);
    });

    it("accepts a timestamp just inside the window", async () => {
      const res = await send(h, eventBody(mention(REP, "pipeline?")), { timestampSec: NOW_SEC - 299 });
      expect(res.status).toBe(200);
      await slack.waitFor("chat.postMessage");
    });

    it("answers the url_verification challenge", async () => {
      const res = await send(h, JSON.stringify({ token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" }));
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    });
  });

  describe("malformed and oversized requests", () => {
    it.each([
      ["not JSON", "{nope", "application/json"],
      ["an unknown request type", JSON.stringify({ type: "mystery" }), "application/json"],
      ["an event without an event_id", JSON.stringify({ type: "event_callback", team_id: TEAM, event: { type: "app_mention" } }), "application/json"],
      ["an interactive payload", `payload=${encodeURIComponent("{}")}`, FORM],
      ["a command without a response_url", new URLSearchParams({ command: "/sales", team_id: TEAM, user_id: REP, channel_id: "C0SALES", trigger_id: "1" }).toString(), FORM],
      ["an unsupported content type", "hello", "text/plain"],
    ])("answers 400 to a signed request with %s and runs nothing", async (_label, body, contentType) => {
      const res = await send(h, body, { contentType });
      expect(res.status).toBe(400);
      await settle(50);
      expect(h.received).toHaveLength(0);
      expect(slack.calls).toHaveLength(0);
    });

    it("answers 400 to a slash command other than /sales", async () => {
      const res = await send(h, commandBody(slack, REP, "hi").replace("%2Fsales", "%2Fother"), { contentType: FORM });
      expect(res.status).toBe(400);
      expect(h.received).toHaveLength(0);
    });

    it("fails loudly, running nothing, when a JSON body parser was mounted before the Slack routes", async () => {
      const app = express();
      app.use(express.json());
      app.use(h.routes.router);
      const server = http.createServer(app);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const body = eventBody(mention(REP, "hi"));
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-slack-request-timestamp": String(NOW_SEC), "x-slack-signature": slackSign(body, NOW_SEC) },
          body,
        });
        expect(res.status).toBe(500);
        expect(h.received).toHaveLength(0);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it("answers 413 to a body over the size limit", async () => {
      const res = await send(h, eventBody(mention(REP, "x".repeat(70 * 1024))));
      expect(res.status).toBe(413);
      expect(h.received).toHaveLength(0);
    });
  });

  describe("mentions and direct messages", () => {
    it("turns an app_mention from a rep into one InboundMessage and answers in the thread with blocks", async () => {
      const event = mention(REP, "how is the *Globex* deal &amp; its risks?");
      const res = await send(h, eventBody(event));
      expect(res.status).toBe(200);
      const [post] = await slack.waitFor("chat.postMessage");
      expect(h.received).toEqual([
        {
          channel: "slack",
          conversationId: `C0SALES:${event.ts}`,
          actor: { id: REP, role: "rep", tenant: "acme" },
          text: "how is the *Globex* deal & its risks?",
          messageId: `C0SALES:${event.ts}`,
          receivedAt: new Date(NOW),
        },
      ]);
      expect(post!.token).toBe("xoxb-test-token");
      expect(slack.callsTo("auth.test")).toHaveLength(0);
      expect(post!.body).toMatchObject({ channel: "C0SALES", thread_ts: event.ts, text: "echo: how is the *Globex* deal &amp; its risks?" });
      expect(post!.body.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "echo: how is the *Globex* deal &amp; its risks?" } });
    });

    it("keeps replying in an existing thread and maps managers", async () => {
      await send(h, eventBody(mention(MANAGER, "forecast?", { thread_ts: "1700000000.000001" })));
      const [post] = await slack.waitFor("chat.postMessage");
      expect(h.received[0]!.actor.role).toBe("manager");
      expect(h.received[0]!.conversationId).toBe("C0SALES:1700000000.000001");
      expect(post!.body.thread_ts).toBe("1700000000.000001");
    });

    it("answers a direct message in the DM, and a DM thread in its thread", async () => {
      await send(h, eventBody(dm(REP, "top leads today?")));
      await send(h, eventBody(dm(REP, "and tomorrow?", { thread_ts: "1700000000.000009" })));
      const posts = await slack.waitFor("chat.postMessage", 2);
      const byText = Object.fromEntries(posts.map((p) => [p.body.text, p.body]));
      expect(byText["echo: top leads today?"]).toMatchObject({ channel: "D0DIRECT" });
      expect(byText["echo: top leads today?"]!.thread_ts).toBeUndefined();
      expect(byText["echo: and tomorrow?"]).toMatchObject({ channel: "D0DIRECT", thread_ts: "1700000000.000009" });
      expect(h.received.map((m) => m.conversationId).sort()).toEqual(["D0DIRECT", "D0DIRECT:1700000000.000009"]);
    });

    it("ignores bot messages (ours included), edits and channel messages", async () => {
      for (const event of [
        dm(REP, "from a bot", { bot_id: "BBOT0001" }),
        dm(REP, "edited", { subtype: "message_changed" }),
        { ...dm(REP, "in a channel"), channel_type: "channel", channel: "C0SALES" },
        mention(REP, "bot mention", { bot_id: "B0OTHER" }),
      ]) {
        expect((await send(h, eventBody(event))).status).toBe(200);
      }
      await settle();
      expect(h.received).toHaveLength(0);
      expect(slack.calls).toHaveLength(0);
    });

    it("sends nothing when the handler returns nothing", async () => {
      h.setHandler(async () => []);
      await send(h, eventBody(mention(REP, "hello")));
      await settle();
      expect(h.received).toHaveLength(1);
      expect(slack.calls).toHaveLength(0);
    });

    it("tells the user when the turn fails", async () => {
      h.setHandler(async () => {
        throw new Error("graph exploded");
      });
      await send(h, eventBody(mention(REP, "hello")));
      const [notice] = await slack.waitFor("chat.postEphemeral");
      expect(notice!.body).toMatchObject({ channel: "C0SALES", user: REP, text: SLACK_TEXT.failed });
    });

    it("renders deal insight data as Block Kit fields with a text fallback", async () => {
      h.setHandler(async (m) => [
        {
          conversationId: m.conversationId,
          text: "Globex renewal is in Negotiation.",
          intent: "deal_insight",
          data: { kind: "deal", deals: [{ name: "Globex renewal", account: "Globex", stage: "Negotiation", amount: 48000, closeProbability: 0.62, risks: ["no activity for 25 days"], nextSteps: ["book exec call"] }] },
        },
      ]);
      await send(h, eventBody(mention(REP, "globex?")));
      const [post] = await slack.waitFor("chat.postMessage");
      expect(post!.body.text).toBe("Globex renewal is in Negotiation.");
      const fields = post!.body.blocks.flatMap((b: any) => b.fields ?? []).map((f: any) => f.text);
      expect(fields).toEqual(expect.arrayContaining(["*Stage*\nNegotiation", "*Amount*\n$48,000", "*Close probability*\n62%"]));
      expect(JSON.stringify(post!.body.blocks)).toContain("no activity for 25 days");
    });
  });

  describe("acknowledgement and retries", () => {
    it("acknowledges within 3 s even when the turn is slow: the response arrives before the handler finishes", async () => {
      let finishedAt = 0;
      h.setHandler(async (m) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        finishedAt = performance.now();
        return [{ conversationId: m.conversationId, text: "done", intent: "smalltalk" }];
      });
      const started = performance.now();
      const res = await send(h, eventBody(mention(REP, "slow one")));
      const ackedAt = performance.now();
      expect(res.status).toBe(200);
      expect(ackedAt - started).toBeLessThan(3000);
      expect(finishedAt).toBe(0);
      await slack.waitFor("chat.postMessage");
      expect(finishedAt).toBeGreaterThan(ackedAt);
    });

    it("processes a retried delivery (X-Slack-Retry-Num, same event_id) once", async () => {
      const body = eventBody(mention(REP, "once please"));
      const first = await send(h, body);
      const retry = await send(h, body, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
      const again = await send(h, body, { headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_error" } });
      expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
      await slack.waitFor("chat.postMessage");
      await settle();
      expect(h.received).toHaveLength(1);
      expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    });

    it("processes one message once when it arrives as two events (app_mention and message.im)", async () => {
      const event = dm(REP, "same message");
      await send(h, eventBody(event));
      await send(h, eventBody({ ...event, type: "app_mention" }));
      await slack.waitFor("chat.postMessage");
      await settle();
      expect(h.received).toHaveLength(1);
    });
  });

  describe("identity", () => {
    it("politely refuses a user who is not on the allow-list, without reaching the handler", async () => {
      await send(h, eventBody(mention(STRANGER, "show me the pipeline")));
      const [notice] = await slack.waitFor("chat.postEphemeral");
      expect(notice!.body).toMatchObject({ channel: "C0SALES", user: STRANGER, text: SLACK_TEXT.refused });
      expect(h.received).toHaveLength(0);
      expect(slack.callsTo("chat.postMessage")).toHaveLength(0);
    });

    it("refuses a listed user writing from another workspace (Slack Connect)", async () => {
      await send(h, eventBody(mention(REP, "pipeline", { user_team: "T0OTHER" })));
      await slack.waitFor("chat.postEphemeral");
      expect(h.received).toHaveLength(0);
    });

    it("refuses everyone in a workspace that is not allowed", async () => {
      await send(h, eventBody(mention(REP, "pipeline", { team: "T0OTHER" }), { team_id: "T0OTHER" }));
      await slack.waitFor("chat.postEphemeral");
      expect(h.received).toHaveLength(0);
    });
  });

  describe("slash command", () => {
    it("acknowledges /sales with 'working on it' and answers in the channel through response_url", async () => {
      const res = await send(h, commandBody(slack, REP, "deals closing this month"), { contentType: FORM });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ response_type: "ephemeral", text: SLACK_TEXT.working });
      const [answer] = await slack.waitFor("response_url");
      expect(answer!.body).toMatchObject({ response_type: "in_channel", text: "echo: deals closing this month" });
      expect(answer!.body.blocks[0].elements[0].text).toBe(`<@${REP}> asked: /sales deals closing this month`);
      expect(h.received[0]).toMatchObject({ channel: "slack", conversationId: `C0SALES:/sales:${REP}`, actor: { id: REP, role: "rep" } });
    });

    it("runs a byte-identical replay of a signed slash command once (same signature and timestamp)", async () => {
      const body = commandBody(slack, REP, "pipeline for the west");
      const first = await send(h, body, { contentType: FORM });
      const replay = await send(h, body, { contentType: FORM });
      expect(first.status).toBe(200);
      expect(JSON.parse(first.text)).toEqual({ response_type: "ephemeral", text: SLACK_TEXT.working });
      expect(replay).toEqual({ status: 200, text: "" });
      await slack.waitFor("response_url");
      await settle();
      expect(h.received).toHaveLength(1);
      // the same command typed again is a new signed request and runs
      await send(h, body, { contentType: FORM, timestampSec: NOW_SEC - 1 });
      await slack.waitFor("response_url", 2);
      expect(h.received).toHaveLength(2);
    });

    it("refuses /sales from a stranger in the acknowledgement itself", async () => {
      const res = await send(h, commandBody(slack, STRANGER, "pipeline"), { contentType: FORM });
      expect(JSON.parse(res.text)).toEqual({ response_type: "ephemeral", text: SLACK_TEXT.refused });
      await settle();
      expect(h.received).toHaveLength(0);
      expect(slack.calls).toHaveLength(0);
    });
  });

  describe("rate limit", () => {
    it("tells a user flooding the bot to slow down once, then stays silent", async () => {
      await h.close();
      h = await startHarness(slack, { perMinute: 2 });
      for (let i = 0; i < 4; i++) await send(h, eventBody(mention(REP, `question ${i}`)));
      await slack.waitFor("chat.postMessage", 2);
      const notices = await slack.waitFor("chat.postEphemeral");
      await settle();
      expect(h.received).toHaveLength(2);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.body.text).toBe(SLACK_TEXT.slowDown);
    });
  });
});
