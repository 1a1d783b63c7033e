import { describe, expect, it } from "vitest";
import { asksAboutCompany, asksPlanFit, definitionSubject, splitQuestion, teamSizeIn } from "./question-parts.js";

describe("splitting a message into questions", () => {
  it.each([
    ["Is it SOC 2 compliant? Where is data hosted?", ["Is it SOC 2 compliant?", "Where is data hosted?"]],
    ["Is it SOC 2 compliant and where is my data stored?", ["Is it SOC 2 compliant?", "where is my data stored?"]],
    ["What does Pro cost, and also do you have a free trial?", ["What does Pro cost?", "do you have a free trial?"]],
    ["We're 40 people. Which plan fits?", ["We're 40 people. Which plan fits?"]],
    ["What's the difference between Pro and Enterprise?", ["What's the difference between Pro and Enterprise?"]],
    ["Hi? How much is it?", ["How much is it?"]],
    ["A? B c? D e? F g? H i?", ["A? B c?", "D e?", "F g?"]],
  ])("%j", (text, parts) => {
    expect(splitQuestion(text)).toEqual(parts);
  });
});

describe("team size", () => {
  it.each([
    ["we're 40 people, which plan?", 40],
    ["how much for 25 users?", 25],
    ["We are a team of twelve", 12],
    ["about 1,200 employees", 1200],
    ["we are 3 years old", undefined],
    ["How much is Helix Pro?", undefined],
  ])("%j → %s", (text, n) => {
    expect(teamSizeIn(text)).toBe(n);
  });

  it("knows a plan or price question", () => {
    expect(asksPlanFit("which plan should we pick?")).toBe(true);
    expect(asksPlanFit("How much is it?")).toBe(true);
    expect(asksPlanFit("Does it support SSO?")).toBe(false);
  });
});

describe("questions about the company and definitions", () => {
  it.each(["What do you sell?", "What does your company do?", "Tell me about your company", "Who are you?"])("%j is about the company", (q) => {
    expect(asksAboutCompany(q)).toBe(true);
  });

  it("does not take a product question for one", () => {
    expect(asksAboutCompany("What does Pro cost?")).toBe(false);
  });

  it("finds the subject of a short definition question", () => {
    expect(definitionSubject("What is Helix Connect?")).toBe("Helix Connect");
    expect(definitionSubject("Tell me about the semantic layer")).toBe("semantic layer");
    expect(definitionSubject("What is the difference between the plans in terms of support hours offered?")).toBeUndefined();
  });

  it("drops chat filler before the question", () => {
    expect(splitQuestion("hmm ok. do you integrate with snowflake and salesforce?")).toEqual(["do you integrate with snowflake and salesforce?"]);
    expect(splitQuestion("Cool, thanks! Is there a free trial?")).toEqual(["Is there a free trial?"]);
    expect(splitQuestion("wait, how much is Helix Pro?")).toEqual(["how much is Helix Pro?"]);
    expect(splitQuestion("Oh, quick question: is there an API?")).toEqual(["is there an API?"]);
  });
});

