import { describe, expect, it } from "vitest";
import { citationMarkers, judgePhrasing, stripThinking } from "./citations.js";

describe("citationMarkers", () => {
  it("finds numbered markers and ignores other brackets", () => {
    expect(citationMarkers("A [1], b [12] and [1] again; not [x] or [1a].")).toEqual(new Set(["1", "12"]));
  });
});

describe("stripThinking", () => {
  it("removes think blocks that reasoning models put in the content", () => {
    expect(stripThinking("<think>plan the answer</think>\nHello [1].")).toBe("Hello [1].");
  });
});

describe("judgePhrasing", () => {
  const draft = "Pro costs $49 [1]. It includes SSO [2].";

  it("accepts a rewording that keeps the citations", () => {
    expect(judgePhrasing(draft, " Pro is $49 a month [1] and comes with SSO [2]. ")).toEqual({
      ok: true,
      text: "Pro is $49 a month [1] and comes with SSO [2].",
    });
  });

  it("accepts a rewording that keeps only some citations", () => {
    expect(judgePhrasing(draft, "Pro is $49 a month [1].").ok).toBe(true);
  });

  it("rejects an empty answer", () => {
    expect(judgePhrasing(draft, "  <think>hmm</think> ")).toEqual({ ok: false, reason: "empty" });
  });

  it("rejects an answer that drops every citation", () => {
    expect(judgePhrasing(draft, "Pro is $49 a month with SSO.")).toEqual({ ok: false, reason: "citations_dropped" });
  });

  it("rejects an answer that cites a source the draft did not have", () => {
    expect(judgePhrasing(draft, "Pro is $49 [1], with SSO [3].")).toEqual({ ok: false, reason: "citations_invented" });
  });

  it("accepts an uncited rewording of an uncited draft", () => {
    expect(judgePhrasing("Thanks for reaching out!", "Thank you for getting in touch!").ok).toBe(true);
  });
});
