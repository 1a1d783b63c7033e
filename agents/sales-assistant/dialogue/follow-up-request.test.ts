import { describe, expect, it } from "vitest";
import { isFollowUpRequest, readFollowUpRequest } from "./follow-up-request.js";

describe("reading a rep's follow-up request", () => {
  it.each([
    ["send a follow-up to Jane Doe about the renewal pricing", { channel: "email", personName: "Jane Doe", topic: "the renewal pricing" }],
    ["Write a follow-up email to Jane at Globex after today's demo", { channel: "email", personName: "Jane" }],
    ["draft a follow-up email to the Globex contact", { channel: "email" }],
    ["send an SMS follow up to john roe", { channel: "sms", personName: "john roe" }],
  ])("%s", (text, expected) => {
    expect(isFollowUpRequest(text)).toBe(true);
    expect(readFollowUpRequest(text)).toEqual(expected);
  });

  it("does not take campaign content for a follow-up", () => {
    expect(isFollowUpRequest("Give me 3 subject lines for our webinar invite")).toBe(false);
    expect(isFollowUpRequest("A/B variants for the Q4 nurture email")).toBe(false);
  });
});
