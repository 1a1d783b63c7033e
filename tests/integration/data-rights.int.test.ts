import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BaseStore } from "@langchain/langgraph";
import { createDataRights } from "../../src/app/data-rights.js";
import { tombstoneHash } from "../../src/core/data-rights.js";
import { createDataRightsRepo } from "../../src/infra/postgres/data-rights-repo.js";
import { seedDemoData } from "../../src/demo/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { runCliInProcess } from "../helpers/cli.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const kinds = await databaseKinds();

/** Rows of every table (checkpoint blobs included, as hex) that still mention the text. */
async function mentions(db: TestDatabase, needle: string): Promise<string[]> {
  const { rows: tables } = await db.pool.query(
    "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1",
  );
  const hex = Buffer.from(needle, "utf8").toString("hex");
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const { rows } = await db.pool.query(
      `select count(*)::int as n from "${table}" t where strpos(lower(t::text), $1) > 0 or strpos(lower(t::text), $2) > 0`,
      [needle.toLowerCase(), hex],
    );
    if (rows[0].n > 0) found.push(`${table} (${rows[0].n})`);
  }
  return found;
}

describe.each(kinds)("data rights on %s", (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  let person: { id: string; email: string; phone: string; first_name: string; last_name: string };
  let rights: ReturnType<typeof createDataRights>;
  const say = (channel: "web" | "sms", conversationId: string, actorId: string, text: string) =>
    app.container.handler({ channel, conversationId, actor: { id: actorId, role: "prospect", tenant: "demo" }, text });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemoData(db.pool);
    app = await startTestApp(db);
    person = (await db.pool.query("select id, email, phone, first_name, last_name from contacts where email is not null and phone is not null order by id limit 1")).rows[0];
    rights = createDataRights({ repo: createDataRightsRepo(db.pool), store: app.container.graph.store as BaseStore });
    // a web chat where they book and give their email, an SMS thread from their number, a hand-off
    await say("web", "rights-web-1", "visitor-rights-1", `Hi, I'd like a demo. I'm ${person.first_name} ${person.last_name}, my email is ${person.email}`);
    await say("web", "rights-web-1", "visitor-rights-1", "the first one");
    await say("sms", person.phone.replace(/[^0-9+]/g, ""), person.phone.replace(/[^0-9+]/g, ""), "Can I talk to a real person please?");
    // someone else's conversation stays
    await say("web", "rights-other-1", "visitor-other-1", "Hello, is there a free trial?");
  });

  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it("exports the person's records as JSON", async () => {
    const data = await rights.export(person.email);
    expect(data.contacts.map((c) => c.id)).toContain(person.id);
    expect(data.conversations.length).toBeGreaterThanOrEqual(2);
    const texts = data.conversations.flatMap((c) => c.messages.map((m: { text: string }) => m.text)).join("\n");
    expect(texts).toContain(person.email);
    expect(texts).toMatch(/real person/);
    expect(data.memory.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(data))).toBeTruthy();
  });

  it("forgets the person everywhere and leaves only a hashed tombstone", async () => {
    expect(await mentions(db, person.email)).not.toEqual([]);
    const { report } = await rights.forget(person.email.toUpperCase());
    expect(report.contacts).toBe(1);
    expect(report.conversations).toBeGreaterThanOrEqual(2);
    expect(report.checkpoints).toBeGreaterThanOrEqual(2);
    expect(report["memory items"]).toBeGreaterThan(0);
    expect(await mentions(db, person.email)).toEqual([]);
    expect(await mentions(db, person.phone.replace(/[^0-9+]/g, ""))).toEqual([]);
    expect(await mentions(db, `${person.first_name} ${person.last_name}`)).toEqual([]);
    const tombstones = (await db.pool.query("select hash from erased_identities")).rows.map((r) => r.hash);
    expect(tombstones).toContain(tombstoneHash({ kind: "email", value: person.email.toLowerCase() }));
    // other people are untouched
    const other = await app.container.repos.conversations.find("web", "rights-other-1");
    expect(other).toBeDefined();
    const state = await app.container.graph.getState({ configurable: { thread_id: "web:rights-web-1" } });
    expect(state.values.messages ?? []).toEqual([]);
  });

  it("an import or a new chat does not bring the person back", async () => {
    await db.pool.query(
      "insert into contacts (id, first_name, last_name, email, phone) values ('c_reimported', $1, $2, $3, $4)",
      [person.first_name, person.last_name, person.email, person.phone],
    );
    expect((await db.pool.query("select count(*)::int as n from contacts where lower(email) = lower($1)", [person.email])).rows[0].n).toBe(0);
    await say("web", "rights-web-2", "visitor-rights-2", `I'd like a demo, my email is ${person.email}`);
    const { rows } = await db.pool.query("select email, name from leads where conversation_id in (select id from conversations where external_id = 'rights-web-2')");
    for (const lead of rows) expect(lead.email).toBeNull();
    expect((await db.pool.query("select count(*)::int as n from leads where lower(email) = lower($1)", [person.email])).rows[0].n).toBe(0);
  });

  it("refuses an identifier that is neither an email nor a phone number", async () => {
    await expect(rights.forget("jane")).rejects.toThrow(/neither an email address nor a phone number/);
  });

  it.runIf(kind === "postgres")("salesgraph contacts export | forget run from the command line", async () => {
    const env = { DATABASE_URL: db.url };
    const exported = await runCliInProcess(["contacts", "export", "+1 (415) 555-0000"], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ requested: "phone:+14155550000", contacts: [] });
    const forgot = await runCliInProcess(["contacts", "forget", "nobody@example.com"], env);
    expect(forgot).toMatchObject({ code: 0, stdout: expect.stringMatching(/forgot email:nobody@example\.com: 1 tombstones/) });
    const bad = await runCliInProcess(["contacts", "forget", "jane"], env);
    expect(bad.code).toBe(2);
  });
});
