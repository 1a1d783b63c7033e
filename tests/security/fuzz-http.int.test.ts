import { createHmac } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../src/demo/seed.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

/**
 * Property-based fuzzing of every HTTP body the server takes: whatever arrives — text with NUL, lone
 * surrogates, control characters, huge or nested JSON, wrong types, malformed syntax — the answer is never
 * a 5xx and the server keeps answering. Webhooks are signed correctly, so the fuzz reaches their parsers.
 */
const kinds = await databaseKinds();
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const TOKEN = "fuzz-operator-token";
const SLACK_SECRET = "fuzz-slack-secret";
const TWILIO_TOKEN = "fuzz-twilio-token";
const PUBLIC_BASE = "https://sales.example.com";

/** Text as hostile as JSON and HTTP can carry: any code unit (lone surrogates included), controls, NUL. */
const nastyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: fc.constantFrom("\u0000", "\u0007", "\u001b", "\r", "\n", "\t", "\ud800", "\udfff", "\u202e", "\ufeff", "a", "é", "😀", "%", "\\", '"', "'"), maxLength: 60 }),
  fc.constantFrom("", " ", "\u0000", "hi\u0000there", "\ud83d", "STOP", "START", "HELP", "x".repeat(5000), "=cmd|' /C calc'!A0", "{{7*7}}", "${7*7}"),
);
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.object({ maxDepth: 3 }));
const chatBody = fc.oneof(
  fc.record({ text: nastyText, conversationId: fc.option(fc.oneof(fc.string({ maxLength: 120 }), fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/)), { nil: undefined }) }, { requiredKeys: ["text"] }),
  fc.record({ text: nastyText, timeZone: fc.option(nastyText, { nil: undefined }), locale: fc.option(nastyText, { nil: undefined }) }),
  anyJson,
);
/** A body as bytes on the wire: usually JSON, sometimes broken JSON or another media type. */
const wire = (body: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: body.map((b) => ({ type: "application/json", body: JSON.stringify(b) ?? "null" })) },
    { weight: 1, arbitrary: nastyText.map((b) => ({ type: "application/json", body: b })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""), nastyText).map(([type, b]) => ({ type, body: b })) },
  );

function slackSign(body: string, ts: number) {
  return `v0=${createHmac("sha256", SLACK_SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
}
function twilioSign(url: string, params: Record<string, string>) {
  const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], url);
  return createHmac("sha1", TWILIO_TOKEN).update(Buffer.from(data, "utf8")).digest("base64");
}

describe.each(kinds)("fuzzing every HTTP body on %s", (kind) => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let app: TestApp;
  let seq = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemoData(db.pool);
    slack = await startFakeSlackApi();
    app = await startTestApp(db, {
      SALESGRAPH_API_TOKEN: TOKEN,
      HTTP_RATE_LIMIT_PER_MINUTE: "1000000",
      PUBLIC_BASE_URL: PUBLIC_BASE,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: "xoxb-fuzz",
      SLACK_API_URL: slack.apiUrl,
      SLACK_ALLOWED_TEAMS: "T0FUZZ",
      SLACK_REPS: "U0FUZZREP",
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
      TEAMS_ALLOW_UNAUTHENTICATED: "true",
    });
  });

  afterAll(async () => {
    await app?.close();
    await slack?.close();
    await db?.dispose();
  });

  async function send(path: string, request: { type: string; body: string }, headers: Record<string, string> = {}) {
    const res = await fetch(app.url + path, {
      method: "POST",
      headers: { ...(request.type ? { "content-type": request.type } : {}), ...headers },
      body: request.body,
    });
    const text = await res.text();
    return { status: res.status, text };
  }

  /** Statuses seen per route: the fuzz must reach the parsers (not stop at authentication). */
  const seen = new Map<string, number[]>();
  async function expectNo5xx(path: string, request: { type: string; body: string }, headers?: Record<string, string>) {
    const res = await send(path, request, headers);
    const route = path.replace(/^\/api\/(conversations|approvals)\/[^/]+/, "/api/$1/:id");
    seen.set(route, [...(seen.get(route) ?? []), res.status]);
    if (res.status >= 500) throw new Error(`${path} answered ${res.status} to ${JSON.stringify(request).slice(0, 400)}: ${res.text.slice(0, 300)}`);
  }

  const operator = { authorization: `Bearer ${TOKEN}` };
  const property = (name: string, arbitrary: fc.Arbitrary<() => Promise<void>>) =>
    it(name, async () => {
      await fc.assert(fc.asyncProperty(arbitrary, (run) => run()), { numRuns: RUNS, endOnFailure: true });
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    });

  property("POST /api/chat", wire(chatBody).map((r) => () => expectNo5xx("/api/chat", r)));
  property("POST /api/chat/stream", wire(chatBody).map((r) => () => expectNo5xx("/api/chat/stream", r)));
  property(
    "POST /api/conversations/:id/messages (operator)",
    fc.tuple(fc.string({ minLength: 1, maxLength: 40 }), wire(fc.oneof(fc.record({ text: nastyText, author: fc.option(nastyText, { nil: undefined }) }), anyJson))).map(
      ([id, r]) => () => expectNo5xx(`/api/conversations/${encodeURIComponent(id)}/messages`, r, operator),
    ),
  );
  property(
    "POST /api/approvals/:id (operator)",
    fc.tuple(fc.string({ minLength: 1, maxLength: 40 }), wire(fc.oneof(fc.record({ decision: fc.constantFrom("approve", "edit", "reject", "maybe"), edits: anyJson }), anyJson))).map(
      ([id, r]) => () => expectNo5xx(`/api/approvals/${encodeURIComponent(id)}`, r, operator),
    ),
  );
  property(
    "POST /api/transcripts (operator)",
    wire(fc.oneof(fc.record({ text: nastyText, reps: fc.option(fc.array(nastyText, { maxLength: 3 }), { nil: undefined }), dealId: fc.option(nastyText, { nil: undefined }) }), anyJson)).map(
      (r) => () => expectNo5xx("/api/transcripts", r, operator),
    ),
  );
  property("POST /api/events (operator)", wire(anyJson).map((r) => () => expectNo5xx("/api/events", r, operator)));
  property("POST /api/content (operator)", wire(anyJson).map((r) => () => expectNo5xx("/api/content", r, operator)));

  property(
    "POST /sms/twilio (signed)",
    fc.record({ Body: nastyText, From: fc.oneof(fc.constant("+14155550123"), nastyText), extra: fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,8}$/), nastyText, { maxKeys: 3 }) }).map(({ Body, From, extra }) => async () => {
      seq += 1;
      const params: Record<string, string> = { ...extra, From, To: "+14155550100", Body, MessageSid: `SM${seq.toString(16).padStart(32, "0")}`, AccountSid: `AC${"0".repeat(32)}` };
      const body = new URLSearchParams(params).toString();
      // what express will hand the verifier: the form as parsed (a lone surrogate becomes U+FFFD on the wire)
      const parsed = Object.fromEntries(new URLSearchParams(body));
      await expectNo5xx("/sms/twilio", { type: "application/x-www-form-urlencoded", body }, { "x-twilio-signature": twilioSign(`${PUBLIC_BASE}/sms/twilio`, parsed) });
    }),
  );

  property(
    "POST /slack/events (signed)",
    fc
      .oneof(
        fc.record({ text: nastyText, type: fc.constantFrom("app_mention", "message"), channel_type: fc.constantFrom("im", "channel", undefined) }).map((e) => ({
          type: "event_callback",
          team_id: "T0FUZZ",
          event_id: `EvFuzz${++seq}`,
          event: { ...e, user: "U0FUZZREP", ts: `${seq}.000100`, channel: "D0FUZZ" },
        })),
        anyJson,
      )
      .map((payload) => async () => {
        const body = JSON.stringify(payload) ?? "null";
        const ts = Math.floor(Date.now() / 1000);
        await expectNo5xx("/slack/events", { type: "application/json", body }, { "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSign(body, ts) });
      }),
  );

  property(
    "POST /slack/events slash command (signed form)",
    fc.record({ text: nastyText, command: fc.constantFrom("/sales", "/salesgraph", "/x"), user: fc.constantFrom("U0FUZZREP", "U0STRANGER") }).map(({ text, command, user }) => async () => {
      seq += 1;
      const form: Record<string, string> = {
        command, text, team_id: "T0FUZZ", user_id: user, channel_id: "C0FUZZ",
        response_url: `${slack.apiUrl}response/${seq}`, trigger_id: `${seq}.1.fuzz`,
      };
      const body = new URLSearchParams(form).toString();
      const ts = Math.floor(Date.now() / 1000);
      await expectNo5xx("/slack/events", { type: "application/x-www-form-urlencoded", body }, { "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSign(body, ts) });
    }),
  );

  it("stores an operator's message and a logged transcript without their control characters", async () => {
    const chat = await send("/api/chat", { type: "application/json", body: JSON.stringify({ text: "hello" }) });
    const { conversationId } = JSON.parse(chat.text);
    const reply = await send(`/api/conversations/${conversationId}/messages`, { type: "application/json", body: JSON.stringify({ text: "hi\u0000 from\u0007 a person", author: "Sam\u0000" }) }, operator);
    expect(reply.status).toBe(200);
    const updates = (await fetch(`${app.url}/api/chat/${conversationId}/updates`).then((r) => r.json())) as { messages: unknown[] };
    expect(updates.messages.at(-1)).toMatchObject({ text: "hi from a person", author: "Sam" });
    const lone = await send(`/api/conversations/${conversationId}/messages`, { type: "application/json", body: '{"text":"\\ud800"}' }, operator);
    expect(lone.status).toBe(400);
    const { rows } = await db.pool.query("select id from deals limit 1");
    const transcript = await send("/api/transcripts", { type: "application/json", body: JSON.stringify({ text: "Rep: Hello\u0000 there, how are you?\r\nCustomer: Fine.\u0000 What does it cost?", dealId: rows[0].id, title: "call\u0000" }) }, operator);
    expect(transcript.status).toBeLessThan(300);
  });

  it("reached every route past authentication, and answered some bodies with 2xx", () => {
    for (const [route, statuses] of seen) expect(statuses.filter((s) => s === 401 || s === 403).length, route).toBe(0);
    for (const route of ["/api/chat", "/api/chat/stream", "/sms/twilio", "/slack/events"]) {
      expect(seen.get(route)?.some((s) => s < 300), route).toBe(true);
    }
  });

  property(
    "POST /api/messages (Teams, unauthenticated development mode)",
    wire(
      fc.oneof(
        fc.record({
          type: fc.constantFrom("message", "conversationUpdate", "invoke", "event"),
          text: nastyText,
          id: fc.string({ maxLength: 20 }),
          serviceUrl: fc.constantFrom("http://127.0.0.1:9/", "not a url"),
          channelId: fc.constant("msteams"),
          from: fc.record({ id: fc.string({ maxLength: 20 }), aadObjectId: fc.option(fc.uuid(), { nil: undefined }) }),
          conversation: fc.record({ id: fc.string({ maxLength: 20 }), tenantId: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }),
          recipient: fc.record({ id: fc.string({ maxLength: 20 }) }),
        }),
        anyJson,
      ),
    ).map((r) => () => expectNo5xx("/api/messages", r)),
  );
});
