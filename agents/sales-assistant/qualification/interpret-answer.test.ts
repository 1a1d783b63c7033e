import { describe, expect, it } from "vitest";
import type { ProfileSlot } from "../state.js";
import { interpretAnswer } from "./interpret-answer.js";

describe("a reply read as the answer to one question", () => {
  it.each<[ProfileSlot, string, string | number]>([
    ["name", "Dana Whitfield", "Dana Whitfield"],
    ["name", "dana", "Dana"],
    ["name", "it's Dana here", "Dana"],
    ["company", "Northwind", "Northwind"],
    ["company", "we're with Globex Corp.", "Globex Corp"],
    ["company", "northwind traders", "Northwind Traders"],
    ["role", "VP Sales", "VP Sales"],
    ["role", "I'm the head of analytics", "head of analytics"],
    ["role", "Sales ops lead", "Sales ops lead"],
    ["budget", "40k", "$40,000"],
    ["budget", "around 40 thousand", "about $40,000"],
    ["budget", "$5k a month", "$5,000 per month"],
    ["budget", "not sure, maybe 20-30k", "$20,000–$30,000"],
    ["budget", "none yet", "No budget allocated yet"],
    ["timeline", "3 months", "Within 3 months"],
    ["timeline", "Q2", "In Q2"],
    ["timeline", "next year", "Next year"],
    ["timeline", "no rush", "No rush"],
    ["teamSize", "about 40", 40],
    ["teamSize", "120 analysts", 120],
    ["teamSize", "just me", 1],
    ["timeZone", "New York", "America/New_York"],
    ["timeZone", "Eastern", "America/New_York"],
    ["timeZone", "London", "Europe/London"],
    ["timeZone", "pst", "America/Los_Angeles"],
    ["authority", "me", "Decision maker"],
    ["authority", "I do", "Decision maker"],
    ["authority", "yes", "Decision maker"],
    ["authority", "my boss does", "Needs sign-off from their boss"],
    ["authority", "me and our CFO", "Shares the decision with their CFO"],
    ["authority", "no, someone else", "Needs sign-off from someone else"],
    ["need", "Our reports are built by hand in spreadsheets", "Our reports are built by hand in spreadsheets"],
    ["need", "dashboards for the sales team", "dashboards for the sales team"],
    ["email", "it's dana@x.com, is that ok?", "dana@x.com"],
    ["email", "dana at northwind dot com", "dana@northwind.com"],
    ["phone", "+44 7911 123456", "+447911123456"],
    ["phone", "415 555 0134", "+14155550134"],
  ])("asked for %s, takes %j", (slot, text, value) => {
    expect(interpretAnswer(text, slot)).toMatchObject({ kind: "value", slot, value, profile: { [slot]: value } });
  });

  it("keeps the other slots a reply gives", () => {
    const result = interpretAnswer("Dana, CTO at Globex", "name");
    expect(result).toMatchObject({ kind: "value", value: "Dana", profile: { name: "Dana", role: "CTO", company: "Globex" } });
    expect(interpretAnswer("06 12 34 56 78", "phone", { defaultCountry: "FR" })).toMatchObject({ value: "+33612345678" });
  });

  it.each<[ProfileSlot, string]>([
    ["budget", "I'd rather not say"],
    ["budget", "skip"],
    ["name", "prefer not to"],
    ["timeline", "not sure yet"],
    ["authority", "no idea"],
    ["company", "pass"],
    ["role", "n/a"],
    ["need", "I don't know yet"],
    ["email", "can we skip that?"],
  ])("asked for %s, takes %j as declined", (slot, text) => {
    expect(interpretAnswer(text, slot)).toEqual({ kind: "declined", slot });
  });

  it("reports a contact detail that is not one", () => {
    expect(interpretAnswer("dana@x", "email")).toMatchObject({ kind: "invalid", slot: "email", value: "dana@x", reason: expect.stringMatching(/domain/) });
    expect(interpretAnswer("dana.northwind.com", "email")).toMatchObject({ kind: "invalid", reason: expect.stringMatching(/@/) });
    expect(interpretAnswer("555-12", "phone")).toMatchObject({ kind: "invalid", reason: "a US or Canadian number needs 10 digits" });
  });

  it.each<[ProfileSlot, string]>([
    ["need", "what integrations do you have?"],
    ["company", "can I talk to a person"],
    ["name", "how much does it cost?"],
    ["budget", "Is Helix Pro really $36,000?"],
    ["role", "Does it work with Salesforce?"],
    ["name", "ok"],
    ["name", "Monday"],
    ["need", "ok sure, thanks"],
    ["company", "thanks"],
    ["need", "I want to book a demo"],
    ["timeZone", "whenever"],
    ["teamSize", "what's the minimum?"],
    ["timeline", "hello"],
    ["authority", "which plan is cheapest?"],
  ])("asked for %s, takes %j as no answer", (slot, text) => {
    expect(interpretAnswer(text, slot)).toEqual({ kind: "none" });
  });
});

describe("free-text answers", () => {
  it("does not take a message carrying other details as the need", () => {
    expect(interpretAnswer("budget around 40k", "need")).toEqual({ kind: "none" });
    expect(interpretAnswer("we are about 40 people", "need")).toEqual({ kind: "none" });
    expect(interpretAnswer("reporting is a mess, we live in spreadsheets", "need")).toMatchObject({ kind: "value", slot: "need" });
  });
});
