import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import type { SalesStateType } from "../state.js";
import { createCheckConsentNode } from "./check-consent.js";

function consents(withdrawn: boolean) {
  const asked: unknown[][] = [];
  return {
    asked,
    isWithdrawn: async (...args: unknown[]) => {
      asked.push(args);
      return withdrawn;
    },
    set: async () => undefined,
    setContact: async () => undefined,
  };
}

const state = (profile: Record<string, string> = {}, channel: "web" | "sms" = "web") =>
  ({
    channel,
    actor: { id: channel === "sms" ? "+14155550123" : "visitor-1", role: "prospect", tenant: "demo" },
    profile,
    messages: [new HumanMessage("hello")],
  }) as unknown as SalesStateType;

describe("check_consent", () => {
  it("uses the consent read with the conversation when the turn knows no other contact key", async () => {
    const repo = consents(false);
    const node = createCheckConsentNode({ consents: repo as never });
    expect(await node(state(), { configurable: { consent: { withdrawn: true, keys: [] } } })).toMatchObject({ silenced: true });
    expect(await node(state({}, "sms"), { configurable: { consent: { withdrawn: false, keys: ["phone:+14155550123"] } } })).toMatchObject({ silenced: false });
    expect(repo.asked).toHaveLength(0);
  });

  it("asks the database when the profile adds a key (an email given in the chat) or nothing was read", async () => {
    const repo = consents(true);
    const node = createCheckConsentNode({ consents: repo as never });
    expect(await node(state({ email: "Jane@Example.com" }), { configurable: { consent: { withdrawn: false, keys: [] } } })).toMatchObject({ silenced: true });
    expect(repo.asked[0]).toEqual(["web", "visitor-1", ["email:jane@example.com"]]);
    await node(state());
    expect(repo.asked).toHaveLength(2);
  });
});
