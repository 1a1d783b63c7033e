import { describe, expect, it } from "vitest";
import { choose, fitsWindow } from "./match-request.js";
import { BUSINESS_HOURS, freeSlots } from "./slots.js";
import { parseTimeRequest } from "./time-request.js";

const day = (d: string) => [{ from: d, to: d }];

describe("reading a time request in the prospect's zone", () => {
  // Monday 30 November 2026, 10:00 in New York (15:00 UTC, 00:00 Tuesday in Tokyo)
  const now = new Date("2026-11-30T15:00:00Z");
  const ny = (text: string) => parseTimeRequest(text, { now, timeZone: "America/New_York" });

  it.each([
    ["Tuesday at 2pm", { days: day("2026-12-01"), exactTime: { hour: 14, minute: 0 } }],
    ["tue 2:30", { days: day("2026-12-01"), exactTime: { hour: 14, minute: 30 } }],
    ["tomorrow morning", { days: day("2026-12-01"), dayparts: ["morning"] }],
    ["tomorrow morning Eastern", { days: day("2026-12-01"), dayparts: ["morning"] }],
    ["next week, afternoons", { days: [{ from: "2026-12-07", to: "2026-12-13" }], dayparts: ["afternoon"] }],
    ["next Wednesday", { days: day("2026-12-09") }],
    ["Tuesday next week", { days: day("2026-12-08") }],
    ["Dec 3 at 10", { days: day("2026-12-03"), exactTime: { hour: 10, minute: 0 } }],
    ["3rd of December at 10:30am", { days: day("2026-12-03"), exactTime: { hour: 10, minute: 30 } }],
    ["25/12", { days: day("2026-12-25") }],
    ["any time Thursday", { days: day("2026-12-03") }],
    ["this afternoon", { days: day("2026-11-30"), dayparts: ["afternoon"] }],
    ["later this week", { days: [{ from: "2026-12-01", to: "2026-12-06" }] }],
    ["early next week", { days: [{ from: "2026-12-07", to: "2026-12-08" }] }],
    ["in the morning", { dayparts: ["morning"] }],
    ["after 3pm", { after: { hour: 15, minute: 0 } }],
    ["before noon", { before: { hour: 12, minute: 0 } }],
    ["between 2 and 4pm", { after: { hour: 14, minute: 0 }, before: { hour: 16, minute: 0 } }],
    ["at 11", { exactTime: { hour: 11, minute: 0 } }],
    ["at 2 in the afternoon", { dayparts: ["afternoon"], exactTime: { hour: 14, minute: 0 } }],
    ["Jan 5", { days: day("2027-01-05") }],
  ])("reads %j", (text, expected) => {
    expect(ny(text)).toEqual({ timeZone: "America/New_York", ...expected });
  });

  it("counts today for a weekday only while the requested time is ahead", () => {
    expect(ny("Monday at 2pm")?.days).toEqual(day("2026-11-30"));
    expect(ny("Monday at 9")?.days).toEqual(day("2026-12-07"));
    expect(ny("Monday")?.days).toEqual(day("2026-11-30"));
    expect(parseTimeRequest("Monday", { now: new Date("2026-11-30T23:00:00Z"), timeZone: "America/New_York" })?.days).toEqual(day("2026-12-07"));
  });

  it("reports an ambiguous numeric date instead of guessing it", () => {
    expect(ny("3/12 at 10am")).toEqual({ timeZone: "America/New_York", exactTime: { hour: 10, minute: 0 }, ambiguousDate: "3/12" });
  });

  it("returns nothing when the text asks for no time", () => {
    for (const text of ["the second one", "sounds good", "10 may work for us?", "2"]) expect(ny(text)).toBeUndefined();
  });

  it("reads today and tomorrow on the prospect's calendar, not UTC's", () => {
    expect(parseTimeRequest("tomorrow", { now, timeZone: "Asia/Tokyo" })?.days).toEqual(day("2026-12-02"));
    expect(parseTimeRequest("tomorrow", { now, timeZone: "Pacific/Honolulu" })?.days).toEqual(day("2026-12-01"));
    expect(parseTimeRequest("today at 4pm", { now: new Date("2026-12-01T02:00:00Z"), timeZone: "America/Los_Angeles" })?.days).toEqual(day("2026-11-30"));
  });
});

describe("matching a request to free slots across DST", () => {
  const reps = [{ repId: "rep_a", timeZone: "America/New_York", hours: BUSINESS_HOURS }];

  it("finds Monday 10:00 after the spring-forward weekend at its EDT instant", () => {
    const now = new Date("2026-03-06T15:00:00Z"); // Friday, EST
    const request = parseTimeRequest("Monday at 10", { now, timeZone: "America/New_York" })!;
    expect(request.days).toEqual(day("2026-03-09"));
    const { matched, slots } = choose(freeSlots(reps, { now, booked: new Set() }), request, { now, timeZone: "America/New_York" });
    expect(matched).toBe("exact");
    expect(slots[0]!.startsAt).toBe("2026-03-09T14:00:00.000Z");
  });

  it("reads 'tomorrow' in Berlin across the autumn change and keeps morning in local hours", () => {
    const now = new Date("2026-10-24T10:00:00Z"); // Saturday; clocks go back on Sunday 25 October
    const request = parseTimeRequest("Monday morning", { now, timeZone: "Europe/Berlin" })!;
    expect(request.days).toEqual(day("2026-10-26"));
    expect(fitsWindow({ repId: "r", startsAt: "2026-10-26T07:00:00.000Z", endsAt: "2026-10-26T07:30:00.000Z" }, request)).toBe(true); // 08:00 CET
    expect(fitsWindow({ repId: "r", startsAt: "2026-10-26T06:30:00.000Z", endsAt: "2026-10-26T07:00:00.000Z" }, request)).toBe(false); // 07:30 CET
  });

  it("offers the nearest free times when the exact time is outside hours", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const request = parseTimeRequest("Tuesday at 7am", { now, timeZone: "America/New_York" })!;
    expect(request.exactTime).toEqual({ hour: 7, minute: 0 });
    const { matched, slots } = choose(freeSlots(reps, { now, booked: new Set() }), request, { now, timeZone: "America/New_York" });
    expect(matched).toBe("nearest");
    expect(slots.map((s) => s.startsAt)).toEqual(["2026-12-01T14:00:00.000Z", "2026-12-01T14:30:00.000Z", "2026-12-01T15:00:00.000Z"]);
  });

  it("spreads a window's slots across the requested part of the day", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const request = parseTimeRequest("tomorrow afternoon", { now, timeZone: "America/New_York" })!;
    const { matched, slots } = choose(freeSlots(reps, { now, booked: new Set() }), request, { now, timeZone: "America/New_York" });
    expect(matched).toBe("window");
    expect(slots.map((s) => s.startsAt)).toEqual(["2026-12-01T17:00:00.000Z", "2026-12-01T19:30:00.000Z", "2026-12-01T21:30:00.000Z"]);
  });
});
