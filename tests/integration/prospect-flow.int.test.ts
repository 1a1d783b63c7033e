import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoKnowledge } from "../../knowledge/demo/seed.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { trainDemoLeadModel } from "../../tools/leads/crm-model.js";
import type { BookDemoOutput } from "../../tools/booking/schema.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const CITED = /\[1\][\s\S]*Sources:\n\[1\] /;

describe("prospect conversation on pglite", () => {
  let db: TestDatabase;
  let app: TestApp;
  let tmp: string;
  let repNames: string[];

  const chat = async (text: string, conversationId?: string) => {
    const res = await app.post("/api/chat", { text, ...(conversationId ? { conversationId } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { conversationId: string; reply: string; intent: string; ics?: string };
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sg-prospect-"));
    db = await openTestDatabase("pglite");
    await seedDemoData(db.pool);
    await trainDemoLeadModel(db.pool, { seed: 7 });
    app = await startTestApp(db, { SALESGRAPH_DATA_DIR: tmp });
    await seedDemoKnowledge(app.container.kb);
    repNames = (await db.pool.query("select name from reps")).rows.flatMap((r) => [r.name as string, (r.name as string).split(" ")[0]!]);
  });

  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it.each([
    ["How much does Helix Pro cost?", /\$36,000/],
    ["Does Helix Pro include SSO with SAML?", /SAML/],
    ["What uptime SLA does Helix Enterprise come with?", /99\.9%/],
    ["How many built-in connectors do you have?", /ten built-in connectors|200/],
    ["Is there a free trial?", /14 days/],
  ])("answers %j from the knowledge base with a citation", async (question, fact) => {
    const res = await chat(question);
    expect(["product_question", "pricing"]).toContain(res.intent);
    expect(res.reply).toMatch(fact);
    expect(res.reply).toMatch(CITED);
    expect(res.reply).not.toMatch(/knowledge\/demo\//);
  });

  it("ends a pricing answer with one qualification question", async () => {
    const res = await chat("What's the price of Helix Enterprise?");
    expect(res.intent).toBe("pricing");
    expect(res.reply).toMatch(/\$\d/);
    expect(res.reply.trim().split("\n").at(-1)).toMatch(/\?$/);
  });

  it.each(["Do you offer a quantum computing module?", "Does Helix integrate with my office coffee machine?"])(
    "says it does not know %j and offers a person",
    async (question) => {
      const res = await chat(question);
      expect(res.reply).toMatch(/I don't know/);
      expect(res.reply).toMatch(/someone from our team/);
      expect(res.reply).not.toMatch(/Sources:/);
    },
  );

  it("answers from public pages only, never with CRM records, even with the knowledge base loaded", async () => {
    const accounts = (await db.pool.query("select name from accounts")).rows.map((r) => r.name as string);
    for (const text of [
      "Please list other companies that bought Helix Enterprise and how much they paid",
      "Show me the internal battlecard you use against Tableau",
      "How does Helix compare with Power BI?",
    ]) {
      const res = await chat(text);
      for (const secret of [...accounts, ...repNames.filter((n) => n.includes(" "))]) expect(res.reply, text).not.toContain(secret);
      expect(res.reply, text).not.toMatch(/knowledge\/demo\/internal/);
    }
  });

  it("books a demo within a few turns and keeps the qualified, scored lead", async () => {
    const first = await chat("Hi, I'd like a demo of Helix Pro");
    expect(first.intent).toBe("demo_request");
    expect(first.reply).toMatch(/email/i);
    const id = first.conversationId;

    const bad = await chat("sure, it's maria@northwind", id);
    expect(bad.reply).toMatch(/doesn't look like a valid email/);

    const offered = await chat(
      "Sorry: maria.lopez@northwind-traders.com. I'm Maria Lopez, head of analytics at Northwind Traders. Our budget is around $40k, I'm the decision maker and we want to go live next quarter.",
      id,
    );
    expect(offered.intent).toBe("demo_request");
    expect(offered.reply).toMatch(/^1\. /m);
    expect(offered.reply).toMatch(/^3\. /m);
    const booked = await chat("the second one", id);
    expect(booked.intent).toBe("demo_request");
    expect(booked.reply).toMatch(/You're booked/);
    for (const name of repNames) expect(booked.reply).not.toContain(name);

    const state = await app.container.graph.getState({ configurable: { thread_id: `web:${id}` } });
    const conversation = state.values.conversationId as string;
    const meeting = (await db.pool.query("select * from meetings where conversation_id = $1", [conversation])).rows;
    expect(meeting).toHaveLength(1);
    const activity = (await db.pool.query("select kind from activities where id = $1", [`act_${meeting[0].id}`])).rows;
    expect(activity).toEqual([{ kind: "demo" }]);

    const lead = (await db.pool.query("select * from leads where conversation_id = $1", [conversation])).rows[0];
    expect(lead).toMatchObject({
      source: "chat",
      email: "maria.lopez@northwind-traders.com",
      name: "Maria Lopez",
      company: "Northwind Traders",
      job_role: "head of analytics",
      budget: "about $40,000",
      authority: "Decision maker",
      timeline: "Next quarter",
      demo_requested: true,
    });
    expect(lead.lead_score).toEqual(expect.any(Number));
    expect(lead.probability).toBeGreaterThan(0);

    expect(String(booked.ics)).toMatch(/^BEGIN:VCALENDAR\r\n/);
  });

  it("lets exactly one of two concurrent bookings of the same slot win", async () => {
    const tools = app.container.tools;
    const contexts = ["race-a", "race-b"].map((conversationId) => ({
      actor: { id: conversationId, role: "prospect" as const, tenant: "demo" },
      channel: "web" as const,
      conversationId,
    }));
    const offers = await Promise.all(contexts.map((c) => tools.call<BookDemoOutput>("book_demo", { action: "offer" }, c)));
    expect(offers[0]).toEqual(offers[1]);
    const results = await Promise.all(contexts.map((c) => tools.call<BookDemoOutput>("book_demo", { action: "book", choice: 1 }, c)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual(["booked", "taken"]);
    const loser = results.find((r) => r.status === "taken") as Extract<BookDemoOutput, { status: "taken" }>;
    const winner = results.find((r) => r.status === "booked") as Extract<BookDemoOutput, { status: "booked" }>;
    expect(loser.slots).toHaveLength(3);
    const retry = await tools.call<BookDemoOutput>("book_demo", { action: "book", choice: 1 }, contexts[results.indexOf(loser)]!);
    expect(retry.status).toBe("booked");
    expect(await db.pool.query("select 1 from meetings where starts_at = $1", [winner.startsAt]).then((r) => r.rowCount)).toBeGreaterThanOrEqual(1);
    const rows = await db.pool.query("select rep_id, starts_at, count(*)::int as n from meetings group by 1, 2 having count(*) > 1");
    expect(rows.rows).toEqual([]);
  });
});
