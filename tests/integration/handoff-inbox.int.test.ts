import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { eventually, inboxEnv, postSlack, postSms, SLACK, slackReleaseButton, slackThreadReply, TWILIO } from "../helpers/handoff-wire.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack-api.js";
import { startFakeTwilioApi, type FakeTwilioApi } from "../fakes/twilio-api.js";

const OPERATOR = { authorization: "Bearer operator-secret" };
const ASK_FOR_PERSON = "Can I talk to a real person please?";

describe("human inbox: hand-offs answered by people in Slack and through the operator API", () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let twilio: FakeTwilioApi;
  let app: TestApp;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    slack = await startFakeSlackApi();
    twilio = await startFakeTwilioApi({ accountSid: TWILIO.accountSid, authToken: TWILIO.authToken });
    app = await startTestApp(db, inboxEnv({ slackApiUrl: slack.apiUrl, twilioApiUrl: twilio.url }));
  });
  afterAll(async () => {
    await app?.close();
    await slack?.close();
    await twilio?.close();
    await db?.dispose();
  });
  beforeEach(() => {
    slack.reset();
    twilio.reset();
  });

  async function handoffOf(conversationId: string) {
    const list = await app.get("/api/handoffs", OPERATOR);
    return (list.body.handoffs as any[]).filter((h) => h.conversationId === conversationId);
  }

  /** A web visitor who asks for a person; returns their conversation id and the hand-off's Slack thread. */
  async function webVisitorAsksForPerson(first = "Our dashboards stopped loading after the update") {
    const start = await app.post("/api/chat", { text: first });
    const id = start.body.conversationId as string;
    const asked = await app.post("/api/chat", { conversationId: id, text: ASK_FOR_PERSON });
    expect(asked.body.intent).toBe("human_handoff");
    const [ticket] = await eventually(async () => {
      const found = await handoffOf(id);
      return found[0]?.slackThread ? found : undefined;
    }, "the hand-off's Slack thread");
    return { id, ticket, thread: ticket.slackThread as { channel: string; ts: string } };
  }

  const threadPosts = (thread: { ts: string }) => slack.callsTo("chat.postMessage").filter((c) => c.body.thread_ts === thread.ts);

  it("posts a new hand-off to the Slack hand-off channel with the summary, the conversation id and how to answer", async () => {
    const { id, ticket } = await webVisitorAsksForPerson("Hi, I'm Maria from Globex, we have about 40 analysts");
    const posts = slack.callsTo("chat.postMessage").filter((c) => c.body.channel === SLACK.handoffChannel && !c.body.thread_ts);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.token).toBe(SLACK.botToken);
    expect(post.body.text).toContain(ticket.id);
    const blocks = JSON.stringify(post.body.blocks);
    expect(blocks).toContain("Maria from Globex");
    expect(blocks).toContain(ASK_FOR_PERSON);
    expect(blocks).toContain(id);
    expect(blocks).toContain("!release");
    expect(blocks).toContain("handoff_release");
    // The id shown is the one the web client uses.
    expect((await app.get(`/api/chat/${ticket.conversationId}`)).status).toBe(200);
    expect(ticket).toMatchObject({ channel: "web", status: "open", conversationId: id });
  });

  it("adds a second request in the same conversation to the open hand-off, posted in its thread", async () => {
    const { id, ticket, thread } = await webVisitorAsksForPerson("Do you integrate with Snowflake?");
    const again = await app.post("/api/chat", { conversationId: id, text: "I want to speak to a human, we have 40 analysts" });
    expect(again.body.intent).toBe("human_handoff");
    expect(again.body.reply).toContain(`added that to your request ${ticket.id}`);
    const rows = await handoffOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(ticket.id);
    expect(rows[0].notes).toHaveLength(1);
    expect(rows[0].notes[0].text).toContain("40 analysts");
    const [note] = await eventually(async () => {
      const posts = threadPosts(thread).filter((p) => p.body.text.includes("40 analysts"));
      return posts.length ? posts : undefined;
    }, "the note in the thread");
    expect(note!.body.channel).toBe(thread.channel);
  });

  it("relays a signed Slack thread reply from an allowed rep to the web chat, then keeps the assistant silent and relays the visitor", async () => {
    const { id, ticket, thread } = await webVisitorAsksForPerson();
    expect(await postSlack(app.url, slackThreadReply(thread, "Hi, I'm here to help with the dashboards."))).toBe(200);

    const agent = await eventually(async () => {
      const history = await app.get(`/api/chat/${id}`);
      return (history.body.messages as any[]).find((m) => m.role === "agent");
    }, "the person's reply in GET /api/chat/:id");
    expect(agent.text).toBe("Hi, I'm here to help with the dashboards.");
    const updates = await app.get(`/api/chat/${id}/updates`);
    expect(updates.body).toMatchObject({ held: true, heldBy: "Helix Data team" });
    expect(updates.body.messages.at(-1)).toMatchObject({ role: "agent", author: "Helix Data team" });
    expect((await handoffOf(id))[0]).toMatchObject({ id: ticket.id, status: "claimed" });
    await eventually(async () => (threadPosts(thread).some((p) => /took this conversation over/.test(p.body.text)) ? true : undefined), "the claim notice");

    const silent = await app.post("/api/chat", { conversationId: id, text: "Great, it shows error 502 since Monday" });
    expect(silent.status).toBe(200);
    expect(silent.body).toEqual({ conversationId: id, reply: "", held: true, intent: "human_handoff" });
    const relayed = await eventually(async () => threadPosts(thread).find((p) => p.body.text.includes("error 502 since Monday")), "the relayed visitor message");
    expect(relayed.body.text).toMatch(/^\*Visitor:\*/);
    const log = (await app.get(`/api/chat/${id}`)).body.messages as any[];
    expect(log.at(-1)).toMatchObject({ role: "user", text: "Great, it shows error 502 since Monday" });
    // Only the updates feed says who is there: polled by the widget after the last id it saw.
    const after = updates.body.messages.at(-1).id;
    const newer = await app.get(`/api/chat/${id}/updates?after=${after}`);
    expect(newer.body.messages.map((m: any) => m.text)).toEqual(["Great, it shows error 502 since Monday"]);
  });

  it("hands the conversation back with !release in the thread: the assistant answers again and the hand-off closes", async () => {
    const { id, thread } = await webVisitorAsksForPerson();
    await postSlack(app.url, slackThreadReply(thread, "Let me check that for you."));
    await eventually(async () => ((await app.get(`/api/chat/${id}/updates`)).body.held ? true : undefined), "the hold");
    expect(await postSlack(app.url, slackThreadReply(thread, "!release"))).toBe(200);
    await eventually(async () => ((await app.get(`/api/chat/${id}/updates`)).body.held ? undefined : true), "the release");
    const answered = await app.post("/api/chat", { conversationId: id, text: "How much does Helix Pro cost?" });
    expect(answered.body.reply.length).toBeGreaterThan(10);
    expect(answered.body.intent).not.toBe("human_handoff");
    expect(await handoffOf(id)).toEqual([]);
    expect(threadPosts(thread).some((p) => /released the conversation/.test(p.body.text))).toBe(true);
  });

  it("releases with the Release button on the hand-off post", async () => {
    const { id, thread } = await webVisitorAsksForPerson();
    await app.post(`/api/conversations/${id}/messages`, { text: "Hello from the team" }, OPERATOR);
    expect((await app.get(`/api/chat/${id}/updates`)).body.held).toBe(true);
    expect(await postSlack(app.url, slackReleaseButton(thread), "application/x-www-form-urlencoded")).toBe(200);
    await eventually(async () => ((await app.get(`/api/chat/${id}/updates`)).body.held ? undefined : true), "the release by button");
  });

  it("ignores thread replies from people who are not listed, and tells them privately", async () => {
    const { id, thread } = await webVisitorAsksForPerson();
    expect(await postSlack(app.url, slackThreadReply(thread, "I'm not on the list", SLACK.stranger))).toBe(200);
    const [notice] = await slack.waitFor("chat.postEphemeral");
    expect(notice!.body).toMatchObject({ channel: thread.channel, user: SLACK.stranger, thread_ts: thread.ts });
    const history = (await app.get(`/api/chat/${id}`)).body.messages as any[];
    expect(history.some((m) => m.role === "agent")).toBe(false);
  });

  describe("POST /api/conversations/:id/messages", () => {
    it("needs the operator token: 401 without one, 403 with a wrong one", async () => {
      const { id } = await webVisitorAsksForPerson();
      expect((await app.post(`/api/conversations/${id}/messages`, { text: "hi" })).status).toBe(401);
      expect((await app.post(`/api/conversations/${id}/messages`, { text: "hi" }, { authorization: "Bearer nope" })).status).toBe(403);
      expect((await app.get("/api/handoffs")).status).toBe(401);
    });

    it("answers 404 for an unknown conversation and 400 for empty text", async () => {
      const { id } = await webVisitorAsksForPerson();
      const unknown = await app.post("/api/conversations/no-such-conversation/messages", { text: "hi" }, OPERATOR);
      expect(unknown.status).toBe(404);
      const empty = await app.post(`/api/conversations/${id}/messages`, { text: "   " }, OPERATOR);
      expect(empty.status).toBe(400);
      expect(empty.body.reason).toBe("text must not be empty");
      expect((await app.post(`/api/conversations/${id}/messages`, {}, OPERATOR)).status).toBe(400);
      expect((await app.post("/api/conversations/no-such-conversation/release", {}, OPERATOR)).status).toBe(404);
    });

    it("writes the person's message, with their name, to the web chat log and holds the conversation", async () => {
      const { id } = await webVisitorAsksForPerson();
      const sent = await app.post(`/api/conversations/${id}/messages`, { text: "Hi, Dana here.", author: "Dana" }, OPERATOR);
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ conversationId: id, channel: "web", held: true, author: "Dana" });
      const updates = await app.get(`/api/chat/${id}/updates`);
      expect(updates.body.messages.at(-1)).toMatchObject({ id: sent.body.messageId, role: "agent", author: "Dana", text: "Hi, Dana here." });
      const released = await app.post(`/api/conversations/${id}/release`, {}, OPERATOR);
      expect(released.body).toMatchObject({ conversationId: id, held: false });
    });
  });

  describe("SMS prospects", () => {
    const PHONE = "+14155550199";

    it("sends the person's reply through the Twilio REST API, and not after the prospect opts out", async () => {
      expect((await postSms(app.url, PHONE, "Hi, do you integrate with HubSpot?")).status).toBe(200);
      const asked = await postSms(app.url, PHONE, ASK_FOR_PERSON);
      expect(asked.body).toMatch(/HO-[0-9A-F]{6}/);
      const [ticket] = await handoffOf(PHONE);
      expect(ticket).toMatchObject({ channel: "sms", conversationId: PHONE });

      const sent = await app.post(`/api/conversations/${encodeURIComponent(PHONE)}/messages`, { text: "Hi, this is Dana from sales.", author: "Dana" }, OPERATOR);
      expect(sent.status).toBe(200);
      expect(twilio.sent()).toHaveLength(1);
      expect(twilio.sent()[0]!.params).toMatchObject({ To: PHONE, From: "+14155550100", Body: "Hi, this is Dana from sales." });

      // Held: the prospect's text goes to the person, the assistant says nothing (empty TwiML).
      const held = await postSms(app.url, PHONE, "Thanks Dana, what about Salesforce?");
      expect(held.body).not.toContain("<Message>");
      // STOP still works while held: the consent store records it and it is confirmed once.
      const stop = await postSms(app.url, PHONE, "STOP");
      expect(stop.body).toMatch(/unsubscribed/i);
      const blocked = await app.post(`/api/conversations/${encodeURIComponent(PHONE)}/messages`, { text: "Are you still there?" }, OPERATOR);
      expect(blocked.status).toBe(409);
      expect(blocked.body.reason).toMatch(/opted out/);
      expect(twilio.sent()).toHaveLength(1);
    });
  });
});

describe("human inbox across processes", async () => {
  const { postgresReachable } = await import("../helpers/databases.js");
  const reachable = await postgresReachable();

  it.skipIf(!reachable)("a hold taken through one server silences the assistant on another sharing the PostgreSQL database", async () => {
    const { openDatabase } = await import("../../src/infra/postgres/pool.js");
    const db = await openTestDatabase("postgres");
    const slack = await startFakeSlackApi();
    const second = await openDatabase({ url: db.url, dataDir: "", poolMax: 5 });
    const env = inboxEnv({ slackApiUrl: slack.apiUrl });
    const a = await startTestApp(db, env);
    const b = await startTestApp(second, env);
    try {
      const start = await a.post("/api/chat", { text: "Hello" });
      const id = start.body.conversationId as string;
      await b.post("/api/chat", { conversationId: id, text: ASK_FOR_PERSON });
      const thread = await eventually(async () => {
        const list = await a.get("/api/handoffs", OPERATOR);
        return (list.body.handoffs as any[]).find((h) => h.conversationId === id)?.slackThread;
      }, "the hand-off thread");
      // The person answers through process A's Slack route …
      expect(await postSlack(a.url, slackThreadReply(thread, "Hi, I'm on it."))).toBe(200);
      await eventually(async () => ((await b.get(`/api/chat/${id}/updates`)).body.held ? true : undefined), "the hold seen by B");
      // … and the visitor's next message, served by process B, gets no answer and reaches the thread.
      const held = await b.post("/api/chat", { conversationId: id, text: "thanks, waiting" });
      expect(held.body).toEqual({ conversationId: id, reply: "", held: true, intent: "human_handoff" });
      await eventually(async () => slack.callsTo("chat.postMessage").find((c) => c.body.thread_ts === thread.ts && c.body.text.includes("thanks, waiting")), "the relay from B");
      // Released through B's operator route: A answers again.
      await b.post(`/api/conversations/${id}/release`, {}, OPERATOR);
      const answered = await a.post("/api/chat", { conversationId: id, text: "How much does Helix Pro cost?" });
      expect(answered.body.reply.length).toBeGreaterThan(10);
    } finally {
      await a.close();
      await b.close();
      await second.close();
      await slack.close();
      await db.dispose();
    }
  });
});
