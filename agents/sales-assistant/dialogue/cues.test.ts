import { describe, expect, it } from "vitest";
import { bookingChange, isQuestion, yesNo } from "./cues.js";
import { recallSlots, recallText } from "./recall.js";
import { looksLikeTimeRequest } from "./time-words.js";

describe("dialogue cues", () => {
  it.each([
    ["what integrations do you have", true],
    ["Is it SOC 2 compliant?", true],
    ["Dana Whitfield", false],
    ["within 3 months", false],
    ["budget around 40k", false],
  ])("%j is a question: %s", (text, expected) => {
    expect(isQuestion(text)).toBe(expected);
  });

  it("reads yes and no, and neither", () => {
    expect(yesNo("yes please")).toBe(true);
    expect(yesNo("Sure, go ahead")).toBe(true);
    expect(yesNo("no, keep it")).toBe(false);
    expect(yesNo("what time is it?")).toBeUndefined();
  });

  it.each([
    ["Can you move it to Wednesday?", "reschedule"],
    ["I need to reschedule the demo", "reschedule"],
    ["could we push the call to next week", "reschedule"],
    ["I can't make it on Tuesday after all", "reschedule"],
    ["please cancel my demo", "cancel"],
    ["cancel the meeting", "cancel"],
    ["when is my demo again?", "status"],
    ["what does Helix Pro cost?", undefined],
    ["how do I change a dashboard filter?", undefined],
  ] as const)("reads %j as a booking change: %s", (text, expected) => {
    expect(bookingChange(text)).toBe(expected);
  });

  it("finds days and times in the prospect's words", () => {
    for (const text of ["Tuesday at 2pm", "next week, afternoons", "tomorrow morning Eastern", "at 10:30", "Dec 3 at 10"]) {
      expect(looksLikeTimeRequest(text), text).toBe(true);
    }
    expect(looksLikeTimeRequest("what does it cost")).toBe(false);
  });

  it("recalls what the prospect told us, and says so when it holds nothing", () => {
    expect(recallSlots("What did I say my budget was?")).toEqual(["budget"]);
    expect(recallSlots("what's my email on file?")).toEqual(["email"]);
    expect(recallSlots("What is your budget guidance?")).toEqual([]);
    expect(recallText(["budget"], { budget: "about $40,000" })).toBe("You told me your budget is about $40,000.");
    expect(recallText(["timeline"], {})).toBe("I don't have your timeline yet.");
  });
});
