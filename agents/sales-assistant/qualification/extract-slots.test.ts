import { describe, expect, it } from "vitest";
import { extractSlots } from "./extract-slots.js";
import { checkEmail, companyFromEmail } from "./email.js";
import { toE164 } from "./phone.js";
import { extractTimeZone } from "./timezone.js";
import { firstMissing, PRICING_ORDER } from "./next-question.js";

const slots = (text: string) => extractSlots(text).profile;

describe("slot extraction", () => {
  it.each([
    ["Hi, I'm Jane Doe from Acme Corp", { name: "Jane Doe", company: "Acme Corp" }],
    ["my name is Omar and I work at Northwind Traders.", { name: "Omar", company: "Northwind Traders" }],
    ["This is Priya, CTO at Globex", { name: "Priya", role: "CTO", company: "Globex" }],
    ["I'm the head of analytics", { role: "head of analytics" }],
    ["I am a data engineer at Initech", { role: "data engineer", company: "Initech" }],
  ])("reads who they are from %j", (text, expected) => {
    expect(slots(text)).toMatchObject(expected);
  });

  it("does not take pronouns, states or other people's titles for names and roles", () => {
    expect(slots("I'm their CFO so it's fine").name).toBeUndefined();
    expect(slots("I'm interested in Helix Pro").name).toBeUndefined();
    expect(slots("I need to check with my CFO first")).toEqual({ authority: "Needs sign-off from their CFO" });
    expect(slots("Tuesday at 10 works").company).toBeUndefined();
  });

  it("validates emails and takes the company from a work domain", () => {
    expect(slots("reach me at jane.doe@acme-corp.com please")).toMatchObject({ email: "jane.doe@acme-corp.com", company: "Acme Corp" });
    expect(slots("jane@gmail.com").company).toBeUndefined();
    const bad = extractSlots("my email is jane@acme");
    expect(bad.profile.email).toBeUndefined();
    expect(bad.invalid).toEqual([{ slot: "email", value: "jane@acme", reason: expect.stringMatching(/domain/) }]);
    expect(checkEmail("Jane@Example.COM.")).toEqual({ ok: true, email: "jane@example.com" });
    expect(checkEmail("a..b@x.com").ok).toBe(false);
    expect(companyFromEmail("x@mail.tallgrass.co.uk")).toBe("Tallgrass");
  });

  it.each([
    ["call me on (415) 555-0134", "+14155550134"],
    ["my number is +44 20 7946 0958", "+442079460958"],
    ["phone: 1-415-555-0134", "+14155550134"],
    ["text me at 0049 30 1234567", "+49301234567"],
  ])("reads a phone number in %j as E.164", (text, e164) => {
    expect(slots(text).phone).toBe(e164);
  });

  it("explains a bad phone number and uses the configured default country", () => {
    expect(extractSlots("my phone is 555-12").invalid[0]).toMatchObject({ slot: "phone", reason: expect.stringMatching(/10 digits/) });
    expect(extractSlots("call 030 1234567", { defaultCountryCode: "49" }).profile.phone).toBe("+49301234567");
    expect(toE164("+1 415 555 01344")).toMatchObject({ ok: false });
    expect(slots("we have 40,000 users").phone).toBeUndefined();
  });

  it.each([
    ["our budget is $50k", "$50,000"],
    ["we have around 40,000 dollars set aside", "about $40,000"],
    ["Budget: up to $1.2M", "up to $1,200,000"],
    ["we can spend USD 25000 this year", "$25,000"],
    ["there's no budget yet", "No budget allocated yet"],
  ])("reads the budget in %j", (text, budget) => {
    expect(slots(text).budget).toBe(budget);
  });

  it("does not take a quoted list price for a budget", () => {
    expect(slots("Is Helix Pro really $36,000?").budget).toBeUndefined();
  });

  it.each([
    ["I'm the decision maker", "Decision maker"],
    ["it's my call in the end", "Decision maker"],
    ["I'm not the decision maker", "Not the decision maker"],
    ["I'll need sign-off from our CFO", "Needs sign-off from their CFO"],
  ])("reads authority in %j", (text, authority) => {
    expect(slots(text).authority).toBe(authority);
  });

  it.each([
    ["we want to go live next quarter", "Next quarter"],
    ["hoping to decide in 2 months", "In 2 months"],
    ["we need it by March", "By March"],
    ["within six weeks ideally", "Within six weeks"],
    ["asap please", "ASAP"],
  ])("reads the timeline in %j", (text, timeline) => {
    expect(slots(text).timeline).toBe(timeline);
  });

  it("reads the need from a described pain", () => {
    expect(slots("We're struggling with reports built by hand in spreadsheets every week.").need).toBe(
      "reports built by hand in spreadsheets every week",
    );
    expect(slots("I'd like a demo").need).toBeUndefined();
  });

  it("finds a named time zone", () => {
    expect(extractTimeZone("I'm in Europe/Berlin")).toBe("Europe/Berlin");
    expect(extractTimeZone("mornings PST work")).toBe("America/Los_Angeles");
    expect(extractTimeZone("hello")).toBeUndefined();
  });

  it("asks for the first missing slot only", () => {
    expect(firstMissing({ need: "dashboards", budget: "$5,000" }, PRICING_ORDER)).toBe("timeline");
    expect(firstMissing({}, PRICING_ORDER)).toBe("need");
  });
});

describe("slot boundaries", () => {
  it("stops a company at the end of its sentence and a role before a preposition", () => {
    expect(slots("I'm head of analytics at Northwind Traders. Our budget is $40k")).toMatchObject({
      role: "head of analytics",
      company: "Northwind Traders",
      budget: "$40,000",
    });
  });
});
