import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { awaitingOf, continuesDemo } from "./capture-profile.js";

describe("demo flow continuation", () => {
  it("reads what the last assistant message waits for", () => {
    const messages = [new HumanMessage("demo please"), new AIMessage({ content: "email?", additional_kwargs: { awaiting: "email" } }), new HumanMessage("x")];
    expect(awaitingOf({ messages })).toBe("email");
    expect(awaitingOf({ messages: [new AIMessage("hi"), new HumanMessage("x")] })).toBeUndefined();
  });

  it.each([
    ["slot", "the second one", true],
    ["slot", "2", true],
    ["slot", "Tuesday at 10", true],
    ["slot", "none of those work", true],
    ["slot", "what does Pro cost?", false],
    ["slot", "STOP", false],
    ["email", "jane@acme.com", true],
    ["email", "what's SSO?", false],
    [undefined, "the second one", false],
  ] as const)("awaiting %s, %j continues: %s", (awaiting, text, expected) => {
    const email = text.includes("@");
    expect(continuesDemo(awaiting, text, { email })).toBe(expected);
  });
});
