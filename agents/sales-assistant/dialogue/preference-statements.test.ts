import { describe, expect, it } from "vitest";
import { readPreferenceStatement } from "./preference-statements.js";
import { applyPreferenceChange, describePreferences } from "./preferences.js";

const read = (text: string) => readPreferenceStatement(text);

describe("readPreferenceStatement", () => {
  it.each([
    ["my region is EMEA", { region: "EMEA" }],
    ["My territory is North America West.", { region: "North America West" }],
    ["my region is emea", { region: "EMEA" }],
    ["I cover the APAC region", { region: "APAC" }],
    ["I cover the mid-market segment", { segment: "mid-market" }],
    ["my segment is Enterprise", { segment: "enterprise" }],
    ["I focus on smb", { segment: "smb" }],
    ["call me Sam", { name: "Sam" }],
    ["you can call me sam", { name: "Sam" }],
    ["I prefer short answers", { answerStyle: "short" }],
    ["keep it brief please", { answerStyle: "short" }],
    ["I'd prefer detailed answers", { answerStyle: "detailed" }],
  ])("reads %j as a statement and nothing else", (text, set) => {
    const s = read(text);
    expect(s?.change.set).toEqual(set);
    expect(s?.rest).toBe("");
  });

  it.each([
    ["I own the Globex account", ["Globex"]],
    ["I also own Initech", ["Initech"]],
    ["I own the Globex and Initech accounts", ["Globex", "Initech"]],
    ["I took over the Umbrella Corp account", ["Umbrella Corp"]],
    ["Hi, Globex is mine", ["Globex"]],
  ])("adds accounts from %j", (text, accounts) => {
    const s = read(text);
    expect(s?.change.addAccounts).toEqual(accounts);
    expect(s?.rest).toBe("");
  });

  it("replaces and removes accounts", () => {
    expect(read("my accounts are Globex, Initech and Acme")?.change.accounts).toEqual(["Globex", "Initech", "Acme"]);
    expect(read("I no longer own the Globex account")?.change.removeAccounts).toEqual(["Globex"]);
    expect(read("I don't own Initech anymore")?.change.removeAccounts).toEqual(["Initech"]);
  });

  it("reads several statements in one message", () => {
    const s = read("Call me Sam. My region is EMEA and I own the Globex account.");
    expect(s?.change).toEqual({ set: { name: "Sam", region: "EMEA" }, addAccounts: ["Globex"] });
    expect(s?.rest).toBe("");
  });

  it("leaves the question in a message that also asks something", () => {
    const s = read("My region is EMEA — how's the pipeline looking?");
    expect(s?.change.set).toEqual({ region: "EMEA" });
    expect(s?.rest).toMatch(/how's the pipeline looking/);
  });

  it.each([
    "How's my pipeline?",
    "how are my accounts doing?",
    "my accounts are doing badly this quarter",
    "my region is struggling",
    "What's the forecast for EMEA?",
    "call me back tomorrow",
    "Which deals in my territory are at risk?",
    "How's the Globex deal going?",
    "Draft a follow-up email to Jane Doe at Globex",
  ])("reads no statement in the question %j", (text) => {
    const s = read(text);
    expect(s === undefined || (Object.keys(s.change).length === 0 && !s.show)).toBe(true);
  });

  it("asks to show or forget what is stored", () => {
    expect(read("what do you know about me?")?.show).toBe(true);
    expect(read("forget my preferences")?.change.forget).toBe(true);
  });
});

describe("preferences", () => {
  it("merges a change into what is stored, accounts without duplicates", () => {
    const before = { region: "EMEA", accounts: ["Globex"] };
    expect(applyPreferenceChange(before, { addAccounts: ["globex", "Initech"], set: { name: "Sam" } })).toEqual({
      region: "EMEA",
      accounts: ["Globex", "Initech"],
      name: "Sam",
    });
    expect(applyPreferenceChange(before, { removeAccounts: ["GLOBEX"] })).toEqual({ region: "EMEA" });
    expect(applyPreferenceChange(before, { forget: true })).toEqual({});
  });

  it("describes the preferences in one line for a system prompt", () => {
    const line = describePreferences({ name: "Sam", region: "EMEA", accounts: ["Globex", "Initech"], segment: "mid-market", answerStyle: "short" });
    expect(line).not.toContain("\n");
    expect(line).toMatch(/Sam/);
    expect(line).toMatch(/EMEA/);
    expect(line).toMatch(/Globex and Initech accounts/);
    expect(line).toMatch(/mid-market segment/);
    expect(line).toMatch(/short answers/);
    expect(describePreferences({})).toBe("");
  });
});
