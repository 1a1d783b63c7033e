import { withinWakingHours } from "./match-request.js";
import { describe, expect, it } from "vitest";
import { buildIcs, escapeText, foldLine } from "./ics.js";
import { pickSlot } from "./pick-slot.js";
import { BUSINESS_HOURS, formatSlot, freeSlots, proposeSlots, slotKey } from "./slots.js";
import { wallTime, zonedInstant } from "./zoned-time.js";

describe("zoned time", () => {
  it("converts wall time to instants across DST", () => {
    expect(zonedInstant(2026, 1, 15, 9, 0, "America/New_York").toISOString()).toBe("2026-01-15T14:00:00.000Z");
    expect(zonedInstant(2026, 7, 15, 9, 0, "America/New_York").toISOString()).toBe("2026-07-15T13:00:00.000Z");
    expect(zonedInstant(2026, 3, 30, 9, 30, "Europe/Berlin").toISOString()).toBe("2026-03-30T07:30:00.000Z");
    expect(wallTime(new Date("2026-11-30T08:00:00Z"), "Asia/Tokyo")).toMatchObject({ day: 30, hour: 17, weekday: 1 });
  });
});

describe("free slots", () => {
  // Wednesday 25 November 2026, 10:35 UTC
  const now = new Date("2026-11-25T10:35:00Z");
  const reps = [{ repId: "rep_b", timeZone: "America/New_York", hours: BUSINESS_HOURS }];

  it("offers business hours in the rep's zone, weekdays only, after the notice period", () => {
    const free = freeSlots(reps, { now, booked: new Set() });
    expect(free[0]).toEqual({ repId: "rep_b", startsAt: "2026-11-25T14:00:00.000Z", endsAt: "2026-11-25T14:30:00.000Z" });
    const days = new Set(free.map((s) => wallTime(new Date(s.startsAt), "America/New_York").weekday));
    expect([...days].every((d) => d <= 5)).toBe(true);
    expect(new Set(free.map((s) => s.startsAt.slice(0, 10))).size).toBe(10);
    expect(free.length).toBe(10 * 16 - 0);
    expect(free.at(-1)!.startsAt).toBe("2026-12-08T21:30:00.000Z");
  });

  it("leaves out booked slots", () => {
    const booked = new Set([slotKey("rep_b", "2026-11-25T14:00:00.000Z")]);
    expect(freeSlots(reps, { now, booked })[0]!.startsAt).toBe("2026-11-25T14:30:00.000Z");
  });

  it("proposes three slots on three different days, shown in the prospect's zone", () => {
    const proposed = proposeSlots(freeSlots(reps, { now, booked: new Set() }), "UTC");
    expect(proposed.map((s) => s.startsAt)).toEqual(["2026-11-25T14:00:00.000Z", "2026-11-26T14:00:00.000Z", "2026-11-27T14:00:00.000Z"]);
    const inNewYork = proposeSlots(freeSlots(reps, { now, booked: new Set() }), "America/New_York");
    expect(inNewYork.map((s) => s.startsAt)).toEqual(["2026-11-25T14:00:00.000Z", "2026-11-26T16:00:00.000Z", "2026-11-27T18:00:00.000Z"]);
    expect(formatSlot("2026-11-26T16:00:00.000Z", "America/New_York")).toBe("Thursday 26 November, 11:00 am EST (America/New_York)");
    expect(formatSlot("2026-12-01T14:00:00.000Z", "UTC")).toBe("Tuesday 1 December, 2:00 pm UTC");
  });
});

describe("picking an offered slot", () => {
  const offered = [{ startsAt: "2026-11-30T10:00:00.000Z" }, { startsAt: "2026-12-01T10:00:00.000Z" }, { startsAt: "2026-12-02T14:30:00.000Z" }];
  it.each([
    ["the second one", 1],
    ["1", 0],
    ["Option 3 please", 2],
    ["Tuesday at 10", 1],
    ["wednesday works", 2],
    ["2:30pm", 2],
    ["the last one", 2],
    ["first", 0],
  ])("reads %j", (text, index) => {
    expect(pickSlot(text, offered, "UTC")).toBe(index);
  });
  it("returns nothing when no slot is singled out", () => {
    expect(pickSlot("none of those work", offered, "UTC")).toBeUndefined();
    expect(pickSlot("Friday at 9", offered, "UTC")).toBeUndefined();
  });
});

describe("calendar invite", () => {
  it("writes valid RFC 5545 text", () => {
    const ics = buildIcs({
      uid: "mtg_1@salesgraph",
      start: new Date("2026-11-30T10:00:00Z"),
      end: new Date("2026-11-30T10:30:00Z"),
      stamp: new Date("2026-11-25T10:35:12.345Z"),
      summary: "Helix Data demo; 30 minutes, online",
      description: "Line one\nLine two",
      attendeeEmail: "jane@acme.com",
    });
    const lines = ics.split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(lines).toContain("DTSTART:20261130T100000Z");
    expect(lines).toContain("DTEND:20261130T103000Z");
    expect(lines).toContain("DTSTAMP:20261125T103512Z");
    expect(lines).toContain("SUMMARY:Helix Data demo\\; 30 minutes\\, online");
    expect(lines).toContain("DESCRIPTION:Line one\\nLine two");
    expect(ics).not.toMatch(/[^\r]\n/);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it("folds long lines at 75 octets and escapes text", () => {
    const folded = foldLine(`DESCRIPTION:${"é".repeat(60)}`);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.split("\r\n ").join("")).toBe(`DESCRIPTION:${"é".repeat(60)}`);
    expect(escapeText("a\\b")).toBe("a\\\\b");
  });
});

describe("waking hours", () => {
  const slot = (startsAt: string) => ({ repId: "r1", startsAt, endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString() });
  // 05:00, 14:00 and 23:30 in New York
  const free = [slot("2026-12-02T10:00:00.000Z"), slot("2026-12-02T19:00:00.000Z"), slot("2026-12-03T04:30:00.000Z")];

  it("offers a prospect only times between 8:00 and 19:00 in their zone", () => {
    expect(withinWakingHours(free, "America/New_York").map((s) => s.startsAt)).toEqual(["2026-12-02T19:00:00.000Z"]);
  });

  it("keeps early or late times when the prospect asks for one", () => {
    const request = { timeZone: "America/New_York", exactTime: { hour: 5, minute: 0 } };
    expect(withinWakingHours(free, "America/New_York", request)).toHaveLength(3);
  });
});
