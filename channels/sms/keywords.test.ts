import { describe, expect, it } from "vitest";
import { helpText, smsKeyword } from "./keywords.js";
import { retryDelayMs } from "./twilio-request-client.js";

describe("smsKeyword", () => {
  it("recognises Twilio's opt-out, opt-in and help words as the whole message, any case", () => {
    expect(["STOP", "stopall", " Unsubscribe ", "cancel.", "END!", "quit", "Revoke", "OPTOUT"].map(smsKeyword)).toEqual(Array(8).fill("opt_out"));
    expect(["start", "UNSTOP", "yes"].map(smsKeyword)).toEqual(["opt_in", "opt_in", "opt_in"]);
    expect(["help", "INFO"].map(smsKeyword)).toEqual(["help", "help"]);
  });

  it("ignores keywords inside a sentence", () => {
    expect(smsKeyword("please stop calling my office")).toBeUndefined();
    expect(smsKeyword("help me choose a plan")).toBeUndefined();
  });

  it("writes a HELP answer with contact details and the STOP instruction", () => {
    expect(helpText({ name: "Acme", supportEmail: "help@acme.example", supportPhone: "+1 555 0100" })).toBe(
      "Acme: ask us about products, pricing or a demo. Help: help@acme.example or +1 555 0100. Msg&data rates may apply. Reply STOP to opt out.",
    );
  });
});

describe("retryDelayMs", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it("reads Retry-After in seconds or as an HTTP date, bounded", () => {
    expect(retryDelayMs("3", 0, now, 10_000)).toBe(3000);
    expect(retryDelayMs("Wed, 01 Jan 2025 00:00:04 GMT", 0, now, 10_000)).toBe(4000);
    expect(retryDelayMs("600", 0, now, 10_000)).toBe(10_000);
    expect(retryDelayMs("-5", 0, now, 10_000)).toBe(0);
  });

  it("falls back to exponential back-off without a header", () => {
    expect([0, 1, 2, 5].map((attempt) => retryDelayMs(undefined, attempt, now, 10_000))).toEqual([500, 1000, 2000, 10_000]);
  });
});
