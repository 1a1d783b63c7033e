import { describe, expect, it } from "vitest";
import { PROSPECT_INTENTS } from "../core/domain.js";
import { createLocalProvider } from "./local.js";

describe("local LLM provider", () => {
  const provider = createLocalProvider();

  it("is of kind local and has no chat model", () => {
    expect(provider.kind).toBe("local");
    expect(provider.chatModel).toBeUndefined();
  });

  it("has no routing opinion, so the local classifier decides", async () => {
    expect(await provider.routeIntent({ text: "How much is the Pro plan?", allowed: PROSPECT_INTENTS })).toBeUndefined();
  });

  it("returns the draft unchanged", async () => {
    const draft = "The Pro plan costs $49 per user per month [1].";
    expect(await provider.phrase({ instruction: "Answer warmly", draft, facts: "[1] pricing page" })).toBe(draft);
  });
});
