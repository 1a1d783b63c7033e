import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/logger.js";
import { openTestDatabase, databaseKinds, type TestDatabase } from "../../tests/helpers/databases.js";
import { ToolRegistry, type ToolContext } from "../registry.js";
import type { InviteEmail, InviteMailer } from "./mailer.js";
import type { BookDemoOutput } from "./schema.js";
import { createBookDemoTool } from "./tool.js";

type Out<S extends BookDemoOutput["status"]> = Extract<BookDemoOutput, { status: S }>;
const ctx = (conversationId: string): ToolContext => ({ actor: { id: conversationId, role: "prospect", tenant: "demo" }, channel: "web", conversationId });
const NY = "America/New_York";

describe.each(await databaseKinds())("book_demo on %s", (kind) => {
  let db: TestDatabase;
  let tools: ToolRegistry;
  const sent: InviteEmail[] = [];
  const mailer: InviteMailer = { enabled: true, send: async (m) => void sent.push(m) };
  // Monday 30 November 2026, 08:00 in New York
  const clock = fixedClock("2026-11-30T13:00:00Z");
  const call = <S extends BookDemoOutput["status"]>(conversation: string, input: Record<string, unknown>) =>
    tools.call<BookDemoOutput>("book_demo", input, ctx(conversation)) as Promise<Out<S>>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // one rep, 9-17 New York time: each instant is exactly one slot
    await db.pool.query(`insert into reps (id, name, email, role, region, timezone) values ('rep_1', 'Rita Rep', 'rita@seller.example', 'rep', 'NA', $1)`, [NY]);
    tools = new ToolRegistry([createBookDemoTool({ pool: db.pool, clock, companyName: "Helix Data", logger: silentLogger(), mailer, organizerEmail: "demos@helix.example" })]);
  });
  afterAll(async () => db?.dispose());

  it("books the exact requested time when it is free, labelled in the prospect's zone", async () => {
    const offer = await call<"offered">("conv-exact", { action: "offer", timeZone: NY, request: "Tuesday at 2pm" });
    expect(offer.matched).toBe("exact");
    expect(offer.slots[0]).toMatchObject({ n: 1, startsAt: "2026-12-01T19:00:00.000Z", exact: true, label: "Tuesday 1 December, 2:00 pm EST (America/New_York)" });
    const booked = await call<"booked">("conv-exact", { action: "book", choice: 1, email: "ann@buyer.example" });
    expect(booked).toMatchObject({ status: "booked", startsAt: "2026-12-01T19:00:00.000Z", timeZone: NY, emailed: true });
    expect(booked.label).toBe("Tuesday 1 December, 2:00 pm EST (America/New_York)");
    expect(booked.ics).toContain("DTSTART:20261201T190000Z");
    expect(sent.at(-1)).toMatchObject({ to: "ann@buyer.example", method: "REQUEST" });
    const row = (await db.pool.query("select time_zone, status from meetings where id = $1", [booked.meetingId])).rows[0];
    expect(row).toEqual({ time_zone: NY, status: "booked" });
  });

  it("offers the nearest free times when the requested one is taken", async () => {
    const offer = await call<"offered">("conv-late", { action: "offer", timeZone: NY, request: "Tuesday at 2pm" });
    expect(offer.matched).toBe("nearest");
    expect(offer.slots.map((s) => s.startsAt)).toEqual(["2026-12-01T18:00:00.000Z", "2026-12-01T18:30:00.000Z", "2026-12-01T19:30:00.000Z"]);
    expect(offer.slots.some((s) => s.exact)).toBe(false);
  });

  it("books by startsAt when the time is free and refuses a taken one with alternatives", async () => {
    const taken = await call<"taken">("conv-late", { action: "book", startsAt: "2026-12-01T19:00:00Z", timeZone: NY });
    expect(taken.status).toBe("taken");
    expect(taken.slots.map((s) => s.startsAt)).not.toContain("2026-12-01T19:00:00.000Z");
    const booked = await call<"booked">("conv-late", { action: "book", startsAt: "2026-12-02T15:00:00Z", timeZone: NY });
    expect(booked).toMatchObject({ status: "booked", startsAt: "2026-12-02T15:00:00.000Z", emailed: false });
  });

  it("reschedules from a later conversation of the same email, keeping the invite's UID", async () => {
    const before = await call<"none">("conv-other", { action: "status" });
    expect(before.status).toBe("none"); // a stranger's conversation sees nothing
    const status = await call<"booked">("conv-second", { action: "status", contact: { email: "ANN@buyer.example" } });
    expect(status.startsAt).toBe("2026-12-01T19:00:00.000Z");
    const offer = await call<"offered">("conv-second", { action: "offer", request: "Thursday at 10am", contact: { email: "ann@buyer.example" } });
    expect(offer.timeZone).toBe(NY);
    expect(offer.slots[0]).toMatchObject({ startsAt: "2026-12-03T15:00:00.000Z", exact: true });
    const moved = await call<"rescheduled">("conv-second", { action: "reschedule", choice: 1, contact: { email: "ann@buyer.example" } });
    expect(moved).toMatchObject({ status: "rescheduled", startsAt: "2026-12-03T15:00:00.000Z", previous: { startsAt: "2026-12-01T19:00:00.000Z" }, emailed: true });
    expect(moved.label).toBe("Thursday 3 December, 10:00 am EST (America/New_York)");
    const uid = (ics: string) => ics.match(/UID:(.*)/)![1];
    expect(uid(moved.ics)).toBe(uid(status.ics));
    expect(moved.ics).toContain("SEQUENCE:1");
    const rows = (await db.pool.query("select starts_at, status from meetings where lead_id = 'lead_conv_conv-exact' order by created_at")).rows;
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "booked"]);
    // the old slot is free again; the first conversation sees the moved meeting through its lead
    expect((await call<"booked">("conv-exact", { action: "status" })).startsAt).toBe("2026-12-03T15:00:00.000Z");
    const again = await call<"offered">("conv-fresh", { action: "offer", timeZone: NY, request: "Tuesday at 2pm" });
    expect(again.matched).toBe("exact");
  });

  it("leaves everything unchanged when the new slot is taken", async () => {
    const moved = await call<"taken">("conv-second", { action: "reschedule", startsAt: "2026-12-02T15:00:00Z", contact: { email: "ann@buyer.example" } });
    expect(moved.status).toBe("taken");
    expect(moved.slots).toHaveLength(3);
    expect((await call<"booked">("conv-exact", { action: "status" })).startsAt).toBe("2026-12-03T15:00:00.000Z");
  });

  it("cancels with a METHOD:CANCEL invite and an activity row", async () => {
    const cancelled = await call<"cancelled">("conv-third", { action: "cancel", contact: { email: "ann@buyer.example" } });
    expect(cancelled).toMatchObject({ status: "cancelled", startsAt: "2026-12-03T15:00:00.000Z", emailed: true });
    expect(cancelled.ics).toContain("METHOD:CANCEL");
    expect(cancelled.ics).toContain("STATUS:CANCELLED");
    expect(cancelled.ics).toContain("SEQUENCE:2");
    expect(sent.at(-1)).toMatchObject({ method: "CANCEL" });
    const activity = (await db.pool.query("select outcome from activities where id = $1", [`act_cancel_${cancelled.meetingId}`])).rows;
    expect(activity).toEqual([{ outcome: "cancelled" }]);
    expect((await call<"none">("conv-exact", { action: "status" })).status).toBe("none");
    expect((await call<"none">("conv-third", { action: "cancel", contact: { email: "ann@buyer.example" } })).status).toBe("none");
  });

  it("never gives two prospects the same slot", async () => {
    const startsAt = "2026-12-04T16:00:00Z";
    const results = await Promise.all(
      ["race-1", "race-2", "race-3"].map((c) => call(c, { action: "book", startsAt, timeZone: NY })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(["booked", "taken", "taken"]);
    const rows = (await db.pool.query("select count(*)::int as n from meetings where starts_at = $1 and status = 'booked'", [startsAt])).rows;
    expect(rows).toEqual([{ n: 1 }]);
  });

  it("rejects a target that is both or neither choice and startsAt", async () => {
    await expect(call("conv-x", { action: "book", choice: 1, startsAt: "2026-12-04T16:00:00Z" })).rejects.toThrow(/exactly one of choice or startsAt/);
    await expect(call("conv-x", { action: "offer", timeZone: "Mars/Olympus" })).rejects.toThrow(/unknown time zone/);
  });
});
