import { describe, expect, it } from "vitest";
import { assertTimeZone, inQuietHours, quietHoursEnd } from "./quiet-hours.js";

const NIGHT = { start: 21, end: 8 };

describe("quiet hours", () => {
  it("spans midnight when start > end", () => {
    const at = (iso: string) => inQuietHours(new Date(iso), "UTC", NIGHT);
    expect(at("2025-06-01T20:59:59Z")).toBe(false);
    expect(at("2025-06-01T21:00:00Z")).toBe(true);
    expect(at("2025-06-02T07:59:59Z")).toBe(true);
    expect(at("2025-06-02T08:00:00Z")).toBe(false);
  });

  it("handles a same-day window and an empty one", () => {
    expect(inQuietHours(new Date("2025-06-01T13:30:00Z"), "UTC", { start: 12, end: 14 })).toBe(true);
    expect(inQuietHours(new Date("2025-06-01T14:00:00Z"), "UTC", { start: 12, end: 14 })).toBe(false);
    expect(inQuietHours(new Date("2025-06-01T03:00:00Z"), "UTC", { start: 8, end: 8 })).toBe(false);
  });

  it("uses the recipient's zone, summer time included", () => {
    // 01:30 UTC in June is 21:30 in New York (EDT, UTC-4).
    expect(inQuietHours(new Date("2025-06-02T01:30:00Z"), "America/New_York", NIGHT)).toBe(true);
    expect(quietHoursEnd(new Date("2025-06-02T01:30:00Z"), "America/New_York", NIGHT)).toEqual(new Date("2025-06-02T12:00:00Z"));
  });

  it("ends at the next 08:00 local across a daylight-saving change", () => {
    // Europe/Berlin moves to CEST at 02:00 on 30 March 2025: 08:00 local is 06:00 UTC that morning.
    expect(quietHoursEnd(new Date("2025-03-29T22:00:00Z"), "Europe/Berlin", NIGHT)).toEqual(new Date("2025-03-30T06:00:00Z"));
    // Back to CET on 26 October 2025: 08:00 local is 07:00 UTC.
    expect(quietHoursEnd(new Date("2025-10-25T21:00:00Z"), "Europe/Berlin", NIGHT)).toEqual(new Date("2025-10-26T07:00:00Z"));
  });

  it("returns the same instant outside quiet hours", () => {
    const noon = new Date("2025-06-01T12:00:00Z");
    expect(quietHoursEnd(noon, "UTC", NIGHT)).toBe(noon);
  });

  it("rejects an unknown time zone", () => {
    expect(() => assertTimeZone("Mars/Olympus")).toThrow(RangeError);
    expect(assertTimeZone("Asia/Tokyo")).toBe("Asia/Tokyo");
  });
});
