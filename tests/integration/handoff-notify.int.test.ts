import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelReferencesRepo } from "../../src/infra/postgres/channel-references-repo.js";
import { startFakeBotFramework, type FakeBotFramework } from "../fakes/bot-connector.js";
import { startTestApp } from "../helpers/app.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { inboxEnv } from "../helpers/handoff-wire.js";

const OPERATOR = { authorization: "Bearer operator-secret" };

describe("hand-off notifications", () => {
  let db: TestDatabase;
  let bf: FakeBotFramework;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    bf = await startFakeBotFramework();
  });
  afterAll(async () => {
    await bf?.close();
    await db?.dispose();
  });

  it("keeps the hand-off and lists it when Slack cannot be reached", async () => {
    const app = await startTestApp(db, inboxEnv({ slackApiUrl: "http://127.0.0.1:9/api/" }));
    try {
      const start = await app.post("/api/chat", { text: "Hello there" });
      const id = start.body.conversationId;
      const asked = await app.post("/api/chat", { conversationId: id, text: "Can I talk to a real person please?" });
      expect(asked.status).toBe(200);
      const ref = /HO-[0-9A-F]{6}/.exec(asked.body.reply)![0];
      const listed = (await app.get("/api/handoffs", OPERATOR)).body.handoffs.find((h: any) => h.id === ref);
      expect(listed).toMatchObject({ conversationId: id, channel: "web", status: "open", slackThread: null });
    } finally {
      await app.close();
    }
  });

  it("posts a new hand-off to the Teams conversation saved under TEAMS_HANDOFF_CONVERSATION (notify-only)", async () => {
    await createChannelReferencesRepo(db.pool, "teams").save("handoff-room", {
      channelId: "msteams",
      serviceUrl: bf.serviceUrl,
      conversation: { id: "19:handoffs@thread.tacv2", conversationType: "channel", isGroup: true },
      bot: { id: "28:salesgraph", name: "Salesgraph" },
    });
    const app = await startTestApp(db, { TEAMS_ALLOW_UNAUTHENTICATED: "true", TEAMS_HANDOFF_CONVERSATION: "handoff-room", SALESGRAPH_API_TOKEN: "operator-secret" });
    try {
      const start = await app.post("/api/chat", { text: "Hi, I'm Maria from Globex" });
      const id = start.body.conversationId;
      const asked = await app.post("/api/chat", { conversationId: id, text: "Can I talk to a real person please?" });
      const ref = /HO-[0-9A-F]{6}/.exec(asked.body.reply)![0];
      const [call] = await bf.waitFor(1);
      expect(call!.conversationId).toBe("19:handoffs@thread.tacv2");
      expect(call!.activity.text).toContain(ref);
      expect(call!.activity.text).toContain(id);
      expect(call!.activity.text).toContain("Maria from Globex");
    } finally {
      await app.close();
    }
  });
});
