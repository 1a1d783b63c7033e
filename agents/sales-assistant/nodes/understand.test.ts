import { describe, expect, it } from "vitest";
import type { PendingAsk } from "../state.js";
import { answerToAsk, correctionOfPick } from "./understand.js";

const offer: PendingAsk = {
  kind: "option", flow: "booking", slot: "demo_time", timeZone: "America/New_York", purpose: "book",
  options: [
    { n: 1, label: "Monday", value: "2026-11-30T14:00:00.000Z" },
    { n: 2, label: "Tuesday", value: "2026-12-01T16:00:00.000Z" },
    { n: 3, label: "Wednesday", value: "2026-12-02T18:00:00.000Z" },
  ],
};

describe("a message read against the pending ask", () => {
  it.each([
    ["2", 1], ["2 please", 1], ["number one", 0], ["the third one works", 2], ["Yes, the earliest one is fine", 0], ["Tuesday at 11", 1],
    ["can we do the second one?", 1], ["what about Wednesday at 1pm?", 2],
  ] as const)("takes %j as option %i", (text, index) => {
    expect(answerToAsk(text, offer)).toEqual({ kind: "option", index });
  });

  it("does not take a question that happens to contain an ordinal as a pick", () => {
    expect(answerToAsk("Quick question first: does it connect to Snowflake?", offer)).toBeUndefined();
    expect(answerToAsk("Is it SOC 2 compliant?", offer)).toBeUndefined();
  });

  it("reads other days, refusals and a bare yes", () => {
    expect(answerToAsk("none of those work for me", offer)).toEqual({ kind: "other_times" });
    expect(answerToAsk("how about next week, afternoons", offer)).toEqual({ kind: "time_request" });
    expect(answerToAsk("yes please", offer)).toEqual({ kind: "yes" });
  });

  it("reads slot answers, declines, invalid values, and leaves questions alone", () => {
    const ask: PendingAsk = { kind: "slot", flow: "qualification", slot: "budget" };
    expect(answerToAsk("around 40k", ask)).toMatchObject({ kind: "value", slot: "budget", profile: { budget: "about $40,000" } });
    expect(answerToAsk("I'd rather not say", ask)).toEqual({ kind: "declined", slot: "budget" });
    expect(answerToAsk("what does Helix Pro cost?", ask)).toBeUndefined();
    const email: PendingAsk = { kind: "slot", flow: "booking", slot: "email" };
    expect(answerToAsk("jane@acme", email)).toMatchObject({ kind: "invalid", slot: "email" });
  });

  it("never takes a yes or a booking change as the prospect's need", () => {
    const need: PendingAsk = { kind: "slot", flow: "qualification", slot: "need" };
    expect(answerToAsk("Yes, please move it", need)).toBeUndefined();
    expect(answerToAsk("please cancel my demo, we went another way", need)).toBeUndefined();
  });

  it("reads a correction right after a booking as a pick from the same offer", () => {
    expect(correctionOfPick("oh wait, I meant the third one", offer)).toEqual({ kind: "option", index: 2 });
    expect(correctionOfPick("the third one", offer)).toBeUndefined();
  });
});
