import { describe, expect, it } from "vitest";
import { isValidTimeZone, placeZone, timeZoneFromText, zoneFromPhone, zoneLabel } from "./time-zones.js";

describe("time zone from text", () => {
  it.each([
    ["I'm in New York", "America/New_York"],
    ["New York (Eastern time)", "America/New_York"],
    ["we're based in London", "Europe/London"],
    ["our team is located in Berlin", "Europe/Berlin"],
    ["I work Pacific time", "America/Los_Angeles"],
    ["mornings PST work best", "America/Los_Angeles"],
    ["afternoons CET please", "Europe/Berlin"],
    ["I'm in Sydney", "Australia/Sydney"],
    ["we are in India", "Asia/Kolkata"],
    ["I'm in Europe/Berlin", "Europe/Berlin"],
    ["based out of Chicago", "America/Chicago"],
    ["greetings from Toronto", "America/Toronto"],
    ["we're in Austin, TX", "America/Chicago"],
    ["I live in Denver", "America/Denver"],
    ["based in Phoenix", "America/Phoenix"],
    ["we're a Paris-based startup", "Europe/Paris"],
    ["I'm in Singapore", "Asia/Singapore"],
    ["HQ in Tokyo", "Asia/Tokyo"],
    ["I'm in Bangalore", "Asia/Kolkata"],
    ["the team is in São Paulo", "America/Sao_Paulo"],
    ["we're in Dubai", "Asia/Dubai"],
    ["I'm in Auckland", "Pacific/Auckland"],
    ["I'm in Texas", "America/Chicago"],
    ["based in the Bay Area", "America/Los_Angeles"],
    ["we're in Germany", "Europe/Berlin"],
    ["calls on London time please", "Europe/London"],
    ["the office (Amsterdam) opens at 9", "Europe/Amsterdam"],
    ["10am ET works", "America/New_York"],
    ["I'm on UTC+2", "Etc/GMT-2"],
    ["UTC+5:30 here", "Asia/Kolkata"],
    ["central european time is best", "Europe/Berlin"],
    ["9:00 IST", "Asia/Kolkata"],
    ["I'm in Johannesburg", "Africa/Johannesburg"],
    ["we're in Mexico City", "America/Mexico_City"],
  ])("reads %j", (text, zone) => {
    expect(timeZoneFromText(text)).toBe(zone);
  });

  it.each([
    "Hi, I'm Jordan from Acme",
    "Nice to meet you",
    "Reading the docs now",
    "we're migrating Phoenix to the cloud",
    "I'm Sydney, the ops lead",
    "I got an email from Austin about it",
    "I'm Dana from London Analytics",
    "we need PT staff",
    "hello",
    "Is it on the New York Times list?",
    "in general, yes",
    "prices incl. GST",
  ])("finds no zone in %j", (text) => {
    expect(timeZoneFromText(text)).toBeUndefined();
  });

  it("takes a bare place, region or lowercase abbreviation only as an answer", () => {
    expect(timeZoneFromText("Berlin")).toBeUndefined();
    expect(timeZoneFromText("Berlin", { answer: true })).toBe("Europe/Berlin");
    expect(timeZoneFromText("Eastern", { answer: true })).toBe("America/New_York");
    expect(timeZoneFromText("pst", { answer: true })).toBe("America/Los_Angeles");
    expect(timeZoneFromText("India", { answer: true })).toBe("Asia/Kolkata");
    expect(timeZoneFromText("Sydney, Australia", { answer: true })).toBe("Australia/Sydney");
    expect(timeZoneFromText("not sure", { answer: true })).toBeUndefined();
  });

  it("knows every zone in its table", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    for (const place of ["London", "Berlin", "Mumbai", "Seattle", "Lagos", "Seoul", "Kyiv", "Buenos Aires", "Hawaii"]) {
      const zone = placeZone(place);
      expect(zone && isValidTimeZone(zone), place).toBe(true);
    }
  });
});

describe("zone label", () => {
  const winter = new Date("2026-01-15T12:00:00Z");
  const summer = new Date("2026-07-15T12:00:00Z");

  it.each([
    ["America/New_York", winter, "Eastern Standard Time (EST)"],
    ["America/New_York", summer, "Eastern Daylight Time (EDT)"],
    ["Europe/Berlin", winter, "Central European Standard Time (CET)"],
    ["Europe/Berlin", summer, "Central European Summer Time (CEST)"],
    ["Europe/London", summer, "British Summer Time (BST)"],
    ["Asia/Kolkata", winter, "India Standard Time (UTC+5:30)"],
    ["Etc/GMT-2", winter, "UTC+2"],
    ["UTC", winter, "UTC"],
  ])("names %s at %s", (zone, at, label) => {
    expect(zoneLabel(zone, at)).toBe(label);
  });
});

describe("zone from phone", () => {
  it("uses the country when it keeps one zone", () => {
    expect(zoneFromPhone("+442079460958")).toBe("Europe/London");
    expect(zoneFromPhone("+49301234567")).toBe("Europe/Berlin");
    expect(zoneFromPhone("+919876543210")).toBe("Asia/Kolkata");
    expect(zoneFromPhone("+61293744000")).toBeUndefined();
  });

  it("reads North American numbers by area code, and leaves toll-free ones unknown", () => {
    expect(zoneFromPhone("+14155550134")).toBe("America/Los_Angeles");
    expect(zoneFromPhone("+12125550147")).toBe("America/New_York");
    expect(zoneFromPhone("+13125550178")).toBe("America/Chicago");
    expect(zoneFromPhone("+16045550123")).toBe("America/Vancouver");
    expect(zoneFromPhone("+18005551234")).toBeUndefined();
  });

  it("falls back to the calling code's main country for ranges the metadata doesn't place", () => {
    expect(zoneFromPhone("+447700900456")).toBe("Europe/London");
  });
});
