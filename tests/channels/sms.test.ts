import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMemoryDeduper } from "../../channels/shared/dedupe.js";
import { createRateLimiter } from "../../channels/shared/rate-limiter.js";
import { OPT_OUT_KEYWORDS } from "../../channels/sms/keywords.js";
import { countSmsSegments } from "../../channels/sms/sms-format.js";
import { createTwilioRoutes, SMS_TEXT } from "../../channels/sms/twilio-adapter.js";
import { createSmsSender, type SmsSenderDeps } from "../../channels/sms/twilio-sender.js";
import { fixedClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import type { InboundMessage, OutboundMessage } from "../../src/core/ports.js";
import { errorHandler } from "../../src/app/http-errors.js";
import { startFakeTwilioApi, type FakeTwilioApi } from "../fakes/twilio-api.js";

const ACCOUNT_SID = `AC${"a1".repeat(16)}`;
const AUTH_TOKEN = "12345678901234567890123456789012";
const PUBLIC_BASE = "https://sales.example.com";
const OUR_NUMBER = "+14155550100";
const PROSPECT = "+14155550123";
const COMPANY = { name: "Helix Data", supportEmail: "support@helixdata.example", supportPhone: "+1 415 555 0100" };

/** Twilio's signing, computed here from the documented recipe: URL + each param name and value, sorted by name. */
function twilioSign(url: string, params: Record<string, string>, token = AUTH_TOKEN): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac("sha1", token).update(Buffer.from(data, "utf8")).digest("base64");
}

let sidSeq = 0;
function incoming(body: string, extra: Record<string, string> = {}): Record<string, string> {
  sidSeq += 1;
  return {
    ToCountry: "US",
    SmsMessageSid: `SM${sidSeq.toString(16).padStart(32, "0")}`,
    NumMedia: "0",
    MessageSid: `SM${sidSeq.toString(16).padStart(32, "0")}`,
    AccountSid: ACCOUNT_SID,
    From: PROSPECT,
    To: OUR_NUMBER,
    Body: body,
    NumSegments: "1",
    ApiVersion: "2010-04-01",
    ...extra,
  };
}

/** Stands in for the graph's consent handling: confirms STOP once, then stays silent until START. */
function consentAwareHandler(received: InboundMessage[]) {
  const optedOut = new Set<string>();
  return async (m: InboundMessage): Promise<OutboundMessage[]> => {
    received.push(m);
    const word = m.text.trim().replace(/[.!]+$/, "").toUpperCase();
    if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) {
      if (optedOut.has(m.actor.id)) return [];
      optedOut.add(m.actor.id);
      return [{ conversationId: m.conversationId, text: "You're unsubscribed and won't hear from us again.", intent: "opt_out" }];
    }
    if (word === "START" || word === "UNSTOP") {
      optedOut.delete(m.actor.id);
      return [{ conversationId: m.conversationId, text: "Welcome back!", intent: "smalltalk" }];
    }
    if (optedOut.has(m.actor.id)) return [];
    return [{ conversationId: m.conversationId, text: `echo: ${m.text}`, intent: "smalltalk" }];
  };
}

interface Harness {
  url: string;
  received: InboundMessage[];
  setHandler(fn: (m: InboundMessage) => Promise<OutboundMessage[]>): void;
  /** Posts a form signed for `signedUrl` (default: the public URL of the path). */
  post(params: Record<string, string>, options?: { path?: string; signedUrl?: string; signature?: string | null; token?: string }): Promise<{ status: number; type: string; body: string }>;
  close(): Promise<void>;
}

async function startHarness(options: { perMinute?: number } = {}): Promise<Harness> {
  const received: InboundMessage[] = [];
  let impl = consentAwareHandler(received);
  const clock = fixedClock("2025-03-04T15:00:00Z");
  const routes = createTwilioRoutes({
    handler: (m) => impl(m),
    config: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: OUR_NUMBER, quietHours: { start: 21, end: 8 } },
    publicBaseUrl: `${PUBLIC_BASE}/`,
    company: COMPANY,
    tenant: "acme",
    logger: silentLogger(),
    deduper: createMemoryDeduper({ clock }),
    rateLimiter: createRateLimiter({ perMinute: options.perMinute ?? 1000, clock }),
    clock,
    bodyLimitBytes: 8 * 1024,
  });
  const app = express();
  app.use(routes.router);
  app.use(errorHandler(silentLogger()));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    setHandler: (fn) => {
      impl = async (m) => {
        received.push(m);
        return fn(m);
      };
    },
    async post(params, o = {}) {
      const path = o.path ?? "/sms/twilio";
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (o.signature !== null) headers["x-twilio-signature"] = o.signature ?? twilioSign(o.signedUrl ?? PUBLIC_BASE + path, params, o.token);
      const res = await fetch(url + path, { method: "POST", headers, body: new URLSearchParams(params).toString() });
      return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const EMPTY = `${XML}<Response/>`;
const messages = (twiml: string) => [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => m[1]!);

describe("Twilio SMS webhook", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  describe("signature", () => {
    it("turns a signed message into one InboundMessage and answers with TwiML", async () => {
      const params = incoming("Do you integrate with HubSpot?");
      const res = await h.post(params);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^text\/xml/);
      expect(res.body).toBe(`${XML}<Response><Message>echo: Do you integrate with HubSpot?</Message></Response>`);
      expect(h.received).toEqual([
        {
          channel: "sms",
          conversationId: PROSPECT,
          actor: { id: PROSPECT, role: "prospect", tenant: "acme" },
          text: "Do you integrate with HubSpot?",
          messageId: params.MessageSid,
          receivedAt: new Date("2025-03-04T15:00:00Z"),
        },
      ]);
    });

    it("checks the signature against the public URL, never the internal one", async () => {
      const res = await h.post(incoming("hi"), { signedUrl: `${h.url}/sms/twilio` });
      expect(res.status).toBe(403);
      expect(h.received).toHaveLength(0);
    });

    it("includes the query string Twilio was configured with", async () => {
      const ok = await h.post(incoming("hi"), { path: "/sms/twilio?tenant=acme" });
      expect(ok.status).toBe(200);
      const stripped = await h.post(incoming("hi"), { path: "/sms/twilio?tenant=acme", signedUrl: `${PUBLIC_BASE}/sms/twilio` });
      expect(stripped.status).toBe(403);
    });

    it("answers 400 without X-Twilio-Signature and 403 for a wrong token or a changed parameter; nothing runs", async () => {
      expect((await h.post(incoming("hi"), { signature: null })).status).toBe(400);
      expect((await h.post(incoming("hi"), { token: "0".repeat(32) })).status).toBe(403);
      const params = incoming("hi");
      const signature = twilioSign(`${PUBLIC_BASE}/sms/twilio`, params);
      expect((await h.post({ ...params, Body: "hi, send me every deal" }, { signature })).status).toBe(403);
      expect(h.received).toHaveLength(0);
    });
  });

  describe("malformed requests", () => {
    it.each([
      ["a From that is not a phone number", { From: "whatsapp:+14155550123" }],
      ["a bad MessageSid", { MessageSid: "XX123" }],
    ])("answers 400 to a signed webhook with %s", async (_label, extra) => {
      const res = await h.post(incoming("hi", extra));
      expect(res.status).toBe(400);
      expect(h.received).toHaveLength(0);
    });

    it("answers 403 to a webhook for another Twilio account", async () => {
      const res = await h.post(incoming("hi", { AccountSid: `AC${"b2".repeat(16)}` }));
      expect(res.status).toBe(403);
      expect(h.received).toHaveLength(0);
    });

    it("answers 413 to a body over the size limit", async () => {
      const res = await h.post(incoming("hi", { Filler: "x".repeat(9 * 1024) }));
      expect(res.status).toBe(413);
      expect(h.received).toHaveLength(0);
    });
  });

  it("processes a repeated MessageSid once", async () => {
    const params = incoming("pricing?");
    const first = await h.post(params);
    const again = await h.post(params);
    expect(messages(first.body)).toEqual(["echo: pricing?"]);
    expect(again).toMatchObject({ status: 200, body: EMPTY });
    expect(h.received).toHaveLength(1);
  });

  describe("keywords", () => {
    it("passes STOP to the handler, sends its one confirmation, then exactly nothing", async () => {
      const stop = await h.post(incoming("STOP"));
      expect(messages(stop.body)).toEqual(["You're unsubscribed and won't hear from us again."]);
      const after = await h.post(incoming("Can you call me?"));
      expect(after.body).toBe(EMPTY);
      const stopAgain = await h.post(incoming("stop"));
      expect(stopAgain.body).toBe(EMPTY);
      expect(h.received.map((m) => m.text)).toEqual(["STOP", "Can you call me?", "stop"]);
    });

    it.each(OPT_OUT_KEYWORDS.flatMap((k) => [k, ` ${k.toLowerCase()}. `]))("passes the opt-out word %j through to the handler", async (word) => {
      const res = await h.post(incoming(word));
      expect(messages(res.body)).toEqual(["You're unsubscribed and won't hear from us again."]);
      expect(h.received).toHaveLength(1);
    });

    it("passes START and UNSTOP through, re-enabling replies", async () => {
      await h.post(incoming("STOP"));
      expect(messages((await h.post(incoming("START"))).body)).toEqual(["Welcome back!"]);
      expect(messages((await h.post(incoming("hello"))).body)).toEqual(["echo: hello"]);
      await h.post(incoming("QUIT"));
      expect(messages((await h.post(incoming("unstop"))).body)).toEqual(["Welcome back!"]);
    });

    it("answers HELP itself with the company's contact details and how to opt out", async () => {
      const res = await h.post(incoming("help"));
      const [text] = messages(res.body);
      expect(text).toContain("Helix Data");
      expect(text).toContain("support@helixdata.example");
      expect(text).toContain("+1 415 555 0100");
      expect(text).toContain("Reply STOP to opt out");
      expect(countSmsSegments(text!.replace(/&amp;/g, "&"))).toBe(1);
      expect(h.received).toHaveLength(0);
    });
  });

  describe("replies", () => {
    it("returns an empty <Response/> when the handler returns nothing", async () => {
      h.setHandler(async () => []);
      expect((await h.post(incoming("hello"))).body).toBe(EMPTY);
    });

    it("strips markdown, escapes XML and keeps a long answer within two segments", async () => {
      const sentence = "Our **Pro** plan includes SSO & unlimited dashboards for every seat. ";
      h.setHandler(async (m) => [{ conversationId: m.conversationId, text: sentence.repeat(10), intent: "pricing" }]);
      const res = await h.post(incoming("pricing"));
      const [escaped] = messages(res.body);
      expect(escaped).toContain("Our Pro plan includes SSO &amp; unlimited");
      const text = escaped!.replace(/&amp;/g, "&");
      expect(text).not.toContain("**");
      expect(countSmsSegments(text)).toBeLessThanOrEqual(2);
      expect(text.length).toBeLessThanOrEqual(306);
      expect(text.endsWith("every seat.")).toBe(true);
    });

    it("joins several answers into one message", async () => {
      h.setHandler(async (m) => [
        { conversationId: m.conversationId, text: "Thanks!", intent: "smalltalk" },
        { conversationId: m.conversationId, text: "A rep will call you.", intent: "human_handoff" },
      ]);
      expect(messages((await h.post(incoming("call me"))).body)).toEqual(["Thanks!\n\nA rep will call you."]);
    });

    it("stays silent (empty TwiML, 200) when the turn fails", async () => {
      h.setHandler(async () => {
        throw new Error("graph down");
      });
      expect(await h.post(incoming("hello"))).toMatchObject({ status: 200, body: EMPTY });
    });

    it("asks a media-only message for text without calling the handler", async () => {
      expect(messages((await h.post(incoming("", { NumMedia: "1" }))).body)).toEqual([SMS_TEXT.textOnly]);
      expect(h.received).toHaveLength(0);
    });
  });

  it("tells a flooding number to slow down once, then sends nothing, but still lets STOP through", async () => {
    await h.close();
    h = await startHarness({ perMinute: 2 });
    const bodies = [];
    for (let i = 0; i < 4; i++) bodies.push((await h.post(incoming(`q${i}`))).body);
    expect(bodies.map(messages)).toEqual([["echo: q0"], ["echo: q1"], [SMS_TEXT.slowDown], []]);
    const stop = await h.post(incoming("STOP"));
    expect(messages(stop.body)).toEqual(["You're unsubscribed and won't hear from us again."]);
    expect(h.received.map((m) => m.text)).toEqual(["q0", "q1", "STOP"]);
  });
});

describe("Twilio SMS sender", () => {
  let api: FakeTwilioApi;
  const sleeps: number[] = [];
  const consent = new Map<string, boolean>();
  const zones: Record<string, string> = { "+14155550123": "America/New_York", "+4930123456": "Europe/Berlin", "+81312345678": "Asia/Tokyo" };

  function sender(at: string, overrides: Partial<SmsSenderDeps> = {}) {
    return createSmsSender({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: OUR_NUMBER,
      apiUrl: api.url,
      canSend: async (phone) => consent.get(phone) ?? true,
      now: () => new Date(at),
      quietHours: { start: 21, end: 8 },
      timezoneOf: (phone) => zones[phone] ?? "UTC",
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...overrides,
    });
  }

  beforeAll(async () => {
    api = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(() => {
    api.reset();
    sleeps.length = 0;
    consent.clear();
  });

  it("sends through the Twilio REST API with the real client, authenticated, within two segments", async () => {
    const result = await sender("2025-03-04T15:00:00Z").send(PROSPECT, `**Following up** on your demo. ${"We'd love to help. ".repeat(30)}`);
    expect(result).toMatchObject({ status: "sent", to: PROSPECT });
    const [call] = api.sent();
    expect(call).toMatchObject({ accountSid: ACCOUNT_SID, username: ACCOUNT_SID, password: AUTH_TOKEN });
    expect(call!.params).toMatchObject({ To: PROSPECT, From: OUR_NUMBER });
    expect(call!.params.Body!.startsWith("Following up on your demo.")).toBe(true);
    expect(countSmsSegments(call!.params.Body!)).toBeLessThanOrEqual(2);
    expect(result.status === "sent" && result.sid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it("never sends without consent", async () => {
    consent.set(PROSPECT, false);
    expect(await sender("2025-03-04T15:00:00Z").send(PROSPECT, "hi")).toEqual({ status: "blocked", reason: "no_consent" });
    expect(api.calls).toHaveLength(0);
  });

  it("defers during quiet hours in the recipient's time zone, until 08:00 there", async () => {
    // 03:00 UTC is 22:00 in New York (EST), 04:00 in Berlin (CET), 12:00 in Tokyo.
    const at = "2025-03-04T03:00:00Z";
    expect(await sender(at).send(PROSPECT, "hi")).toEqual({ status: "deferred", reason: "quiet_hours", until: new Date("2025-03-04T13:00:00Z") });
    expect(await sender(at).send("+4930123456", "hi")).toEqual({ status: "deferred", reason: "quiet_hours", until: new Date("2025-03-04T07:00:00Z") });
    expect(api.calls).toHaveLength(0);
    expect(await sender(at).send("+81312345678", "hi")).toMatchObject({ status: "sent" });
  });

  it("backs off on HTTP 429 as Retry-After says, then sends", async () => {
    api.failNext({ status: 429, retryAfter: "2" }, { status: 429 });
    const result = await sender("2025-03-04T15:00:00Z").send(PROSPECT, "hi");
    expect(result.status).toBe("sent");
    expect(api.calls.map((c) => c.status)).toEqual([429, 429, 201]);
    expect(sleeps).toEqual([2000, 1000]);
  });

  it("gives up after a bounded number of retries, capping long Retry-After values", async () => {
    api.failNext(...Array.from({ length: 5 }, () => ({ status: 429 as const, retryAfter: "120" })));
    const result = await sender("2025-03-04T15:00:00Z", { maxRetries: 2, maxRetryDelayMs: 5000 }).send(PROSPECT, "hi");
    expect(result).toMatchObject({ status: "failed", httpStatus: 429 });
    expect(api.calls).toHaveLength(3);
    expect(sleeps).toEqual([5000, 5000]);
  });

  it("reports a recipient who opted out at the carrier as blocked", async () => {
    api.failNext({ status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" });
    expect(await sender("2025-03-04T15:00:00Z").send(PROSPECT, "hi")).toEqual({ status: "blocked", reason: "unsubscribed_at_carrier" });
  });

  it("refuses numbers that are not E.164", async () => {
    expect(await sender("2025-03-04T15:00:00Z").send("415-555-0123", "hi")).toEqual({ status: "blocked", reason: "invalid_number" });
    expect(api.calls).toHaveLength(0);
  });
});
