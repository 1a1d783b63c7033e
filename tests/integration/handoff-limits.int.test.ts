import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestApp } from "../helpers/app.js";

/** Each new web conversation could open a hand-off: a flood must not bury the people's queue. */
describe("hand-off caps", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
  });
  afterAll(async () => {
    await db?.dispose();
  });

  async function askForPerson(app: Awaited<ReturnType<typeof startTestApp>>, ip: string) {
    const as = { "x-forwarded-for": ip };
    const first = await app.post("/api/chat", { text: "Our dashboards stopped loading after the update" }, as);
    return app.post("/api/chat", { conversationId: first.body.conversationId, text: "Can I talk to a real person please?" }, as);
  }

  it("caps open hand-offs per visitor across conversations, and new ones per minute across the deployment", async () => {
    const app = await startTestApp(db, { TRUST_PROXY: "1", HANDOFF_MAX_OPEN_PER_VISITOR: "2", HANDOFF_NEW_PER_MINUTE: "4", SALESGRAPH_API_TOKEN: "t" });
    try {
      const replies = [];
      for (let i = 0; i < 3; i++) replies.push(await askForPerson(app, "203.0.113.9"));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(replies[0]!.body.reply).toMatch(/HO-[0-9A-F]{6}/);
      expect(replies[1]!.body.reply).toMatch(/HO-[0-9A-F]{6}/);
      // the third conversation of the same visitor gets no ticket, but still a way to reach a person
      expect(replies[2]!.body.reply).not.toMatch(/HO-/);
      expect(replies[2]!.body.reply).toMatch(/email .*@/);

      // another visitor is not affected by the first one's cap
      expect((await askForPerson(app, "198.51.100.20")).body.reply).toMatch(/HO-[0-9A-F]{6}/);
      expect((await askForPerson(app, "198.51.100.21")).body.reply).toMatch(/HO-[0-9A-F]{6}/);
      // four opened this minute: the deployment-wide rate stops a fifth visitor
      const fifth = await askForPerson(app, "198.51.100.22");
      expect(fifth.status).toBe(200);
      expect(fifth.body.reply).not.toMatch(/HO-/);

      const queue = await app.get("/api/handoffs", { authorization: "Bearer t" });
      expect(queue.body.handoffs).toHaveLength(4);
    } finally {
      await app.close();
    }
  });
});
