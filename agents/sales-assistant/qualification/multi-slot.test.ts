import { describe, expect, it } from "vitest";
import { extractSlots } from "./extract-slots.js";
import { extractTimeZone } from "./timezone.js";

describe("several slots in one message", () => {
  it("reads who, how many, how much, when and where in any order", () => {
    const { profile } = extractSlots(
      "Hi, I'm Dana Whitfield, VP Sales at Northwind. We're a team of 40, our budget is around €30k per year, we need it by Q3 2027 and I'm based in Berlin.",
    );
    expect(profile).toMatchObject({
      name: "Dana Whitfield",
      company: "Northwind",
      role: "VP Sales",
      teamSize: 40,
      budget: "about €30,000 per year",
      timeline: "By Q3 2027",
      timeZone: "Europe/Berlin",
    });
  });

  it("reads contact details, size and zone together", () => {
    const { profile } = extractSlots("call me on +44 20 7946 0958 or dana@northwind.co.uk — about 120 analysts, London time");
    expect(profile).toMatchObject({ phone: "+442079460958", email: "dana@northwind.co.uk", teamSize: 120, timeZone: "Europe/London", company: "Northwind" });
  });

  it("does not take a place for a company or a person for a place", () => {
    expect(extractSlots("I'm Dana from New York").profile).toEqual({ name: "Dana", timeZone: "America/New_York" });
    expect(extractSlots("Hi, I'm Jordan from Acme").profile).toEqual({ name: "Jordan", company: "Acme" });
    expect(extractSlots("Nice to meet you").profile).toEqual({});
    expect(extractTimeZone("Reading the docs about Phoenix")).toBeUndefined();
  });
});

describe("corrections", () => {
  it.each([
    ["actually it's dana@x.com", { email: "dana@x.com" }, ["email"]],
    ["sorry, I meant 60k", { budget: "$60,000" }, ["budget"]],
    ["no, my name is Dana", { name: "Dana" }, ["name"]],
    ["correction: we're 50 people", { teamSize: 50 }, ["teamSize"]],
    ["my mistake, it should be +49 30 1234567", { phone: "+49301234567" }, ["phone"]],
    ["oops, I meant Q3", { timeline: "In Q3" }, ["timeline"]],
    ["scratch that, we're based in Chicago", { timeZone: "America/Chicago" }, ["timeZone"]],
  ])("%j corrects the slot it gives", (text, profile, corrections) => {
    const result = extractSlots(text);
    expect(result.profile).toMatchObject(profile);
    expect(result.corrections).toEqual(corrections);
  });

  it("lists only the slots in the correcting clause", () => {
    const result = extractSlots("I'm Dana from Acme. Actually make that 60k");
    expect(result.profile).toMatchObject({ name: "Dana", company: "Acme", budget: "$60,000" });
    expect(result.corrections).toEqual(["budget"]);
  });

  it("lists nothing when nothing is corrected", () => {
    expect(extractSlots("I'm Dana from Acme, our budget is $40k").corrections).toEqual([]);
    expect(extractSlots("no").corrections).toEqual([]);
  });
});
