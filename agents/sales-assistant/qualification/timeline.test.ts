import { describe, expect, it } from "vitest";
import { extractTeamSize } from "./team-size.js";
import { extractTimeline } from "./timeline.js";

describe("timeline", () => {
  it.each([
    ["we want it within 3 months", "Within 3 months"],
    ["we'd like to go live in Q2", "In Q2"],
    ["we need it by Q3 2027", "By Q3 2027"],
    ["probably next year", "Next year"],
    ["hopefully by the end of the year", "By the end of the year"],
    ["sometime around the end of the year", "Around the end of the year"],
    ["we're looking at end of the quarter", "End of the quarter"],
    ["in a couple of weeks", "In a couple of weeks"],
    ["we need it in a few months", "In a few months"],
    ["no rush, just exploring", "No rush"],
    ["by early March", "By early March"],
    ["in H2 2026", "In H2 2026"],
    ["six months from now", "Six months from now"],
  ])("reads %j", (text, timeline) => {
    expect(extractTimeline(text)).toBe(timeline);
  });

  it("takes a bare period only as an answer", () => {
    expect(extractTimeline("3 months")).toBeUndefined();
    expect(extractTimeline("3 months", { answer: true })).toBe("Within 3 months");
    expect(extractTimeline("Q2", { answer: true })).toBe("In Q2");
    expect(extractTimeline("maybe march", { answer: true })).toBe("In March");
    expect(extractTimeline("next year", { answer: true })).toBe("Next year");
    expect(extractTimeline("40k", { answer: true })).toBeUndefined();
  });
});

describe("team size", () => {
  it.each([
    ["we're a team of 40", 40],
    ["about 120 analysts would use it", 120],
    ["50 users to start", 50],
    ["team size is 12", 12],
    ["3 people on my side", 3],
    ["we have 40,000 users", 40_000],
    ["2k seats", 2_000],
    ["a team of about twenty", 20],
    ["10-15 sales reps", 15],
    ["headcount: 85", 85],
    ["there are 6 of us", 6],
  ])("reads %j", (text, size) => {
    expect(extractTeamSize(text)).toBe(size);
  });

  it.each(["$40 per user", "it costs $400 users pay", "5,000,000 users worldwide", "in 3 weeks", "20% of users", "Q3 2027", "we need it by 2027"])(
    "takes no team size from %j",
    (text) => {
      expect(extractTeamSize(text)).toBeUndefined();
    },
  );

  it("takes a bare count only as an answer", () => {
    expect(extractTeamSize("about 40")).toBeUndefined();
    expect(extractTeamSize("about 40", { answer: true })).toBe(40);
    expect(extractTeamSize("just me", { answer: true })).toBe(1);
    expect(extractTeamSize("40ish", { answer: true })).toBe(40);
  });
});
