import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { fixedClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import { openTestDatabase, type TestDatabase } from "../../tests/helpers/databases.js";
import { ToolRegistry } from "../registry.js";
import { createInviteMailer, createSmtpInviteMailer } from "./mailer.js";
import type { BookDemoOutput } from "./schema.js";
import { createBookDemoTool } from "./tool.js";

/** A real SMTP server on a loopback port that hands every received message to a waiting test. */
function startSmtp() {
  const received: string[] = [];
  const waiters: ((raw: string) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username }),
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push(raw);
        waiters.shift()?.(raw);
        cb();
      });
    },
  });
  const next = (ms = 10_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no message within deadline")), ms);
      waiters.push((raw) => (clearTimeout(timer), resolve(raw)));
    });
  return { server, received, next };
}

describe("demo invites by email", () => {
  const smtp = startSmtp();
  let port = 0;
  let db: TestDatabase;

  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.server.listen(0, "127.0.0.1", resolve));
    port = (smtp.server.server.address() as AddressInfo).port;
    db = await openTestDatabase("pglite");
    await db.pool.query(`insert into reps (id, name, email, role, region, timezone) values ('rep_1', 'Rita Rep', 'rita@seller.example', 'rep', 'NA', 'America/New_York')`);
  });
  afterAll(async () => {
    await db?.dispose();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it("emails the booking's invite as a text/calendar part with the right DTSTART", async () => {
    const mailer = createInviteMailer({ url: `smtp://demo:secret@127.0.0.1:${port}`, from: "demos@helix.example" });
    const tool = createBookDemoTool({
      pool: db.pool, clock: fixedClock("2026-11-30T13:00:00Z"), companyName: "Helix Data", logger: silentLogger(), mailer, organizerEmail: "demos@helix.example",
    });
    const tools = new ToolRegistry([tool]);
    const context = { actor: { id: "c1", role: "prospect" as const, tenant: "demo" }, channel: "web" as const, conversationId: "c1" };
    const arrived = smtp.next();
    await tools.call("book_demo", { action: "offer", timeZone: "America/New_York", request: "Tuesday at 2pm" }, context);
    const booked = await tools.call<Extract<BookDemoOutput, { status: "booked" }>>("book_demo", { action: "book", choice: 1, email: "ann@buyer.example" }, context);
    expect(booked.emailed).toBe(true);
    const raw = await arrived;
    expect(raw).toMatch(/^To: ann@buyer\.example/m);
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const calendar = raw.slice(raw.search(/Content-Type: text\/calendar/i));
    expect(decodePart(calendar)).toContain("DTSTART:20261201T190000Z");
  });

  it("reports emailed: false and does not throw when the server is unreachable", async () => {
    const logged: unknown[] = [];
    const logger = Object.assign(silentLogger(), { warn: (o: unknown) => void logged.push(o) });
    const mailer = createSmtpInviteMailer({ url: "smtp://127.0.0.1:1", from: "demos@helix.example" });
    const tools = new ToolRegistry([createBookDemoTool({ pool: db.pool, clock: fixedClock("2026-11-30T13:00:00Z"), companyName: "Helix Data", logger, mailer })]);
    const context = { actor: { id: "c2", role: "prospect" as const, tenant: "demo" }, channel: "web" as const, conversationId: "c2" };
    const booked = await tools.call<Extract<BookDemoOutput, { status: "booked" }>>("book_demo", { action: "book", startsAt: "2026-12-02T15:00:00Z", email: "bob@buyer.example" }, context);
    expect(booked).toMatchObject({ status: "booked", emailed: false });
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain("bob@buyer.example");
  });

  it("is a no-op without SMTP_URL", () => {
    expect(createInviteMailer({ from: "demos@helix.example" }).enabled).toBe(false);
  });
});

/** The body of the first MIME part in `part`, decoded from base64 or quoted-printable. */
function decodePart(part: string): string {
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n").split(/\r?\n--/)[0]!;
  if (/base64/i.test(head!)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
