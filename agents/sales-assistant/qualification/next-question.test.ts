import { describe, expect, it } from "vitest";
import { AFTER_BOOKING_ORDER, firstMissing, questionFor } from "./next-question.js";

describe("next question", () => {
  it("asks about team size and time zone", () => {
    expect(questionFor("teamSize")).toBe("How many people would use it?");
    expect(questionFor("timeZone")).toBe("Which time zone are you in, so I can offer times that suit you?");
  });

  it("names the product in the need question only when told it", () => {
    expect(questionFor("need")).toBe("What would you mainly like us to help your team with?");
    expect(questionFor("need", "Helix")).toBe("What would you mainly like Helix to help your team with?");
  });

  it("counts a team size of any number as given", () => {
    expect(firstMissing({ teamSize: 40 }, ["teamSize", "timeZone"])).toBe("timeZone");
    expect(firstMissing({ need: "x", budget: "y", timeline: "z", authority: "a", company: "c", role: "r", name: "n" }, AFTER_BOOKING_ORDER)).toBeUndefined();
  });
});
