import { HumanMessage } from "@langchain/core/messages";
import type { LeadProfile, SalesStateType } from "../../agents/sales-assistant/state.js";
import type { Channel, Role } from "../../src/core/domain.js";

/** The state a node sees on a turn that carries one message, for calling a node directly in a test. */
export function oneMessageState(
  text: string,
  options: { role?: Role; actorId?: string; channel?: Channel; conversationId?: string; profile?: LeadProfile } = {},
): SalesStateType {
  const role = options.role ?? "prospect";
  return {
    messages: [new HumanMessage(text)],
    actor: { id: options.actorId ?? `test:${role}`, role, tenant: "demo" },
    channel: options.channel ?? "cli",
    conversationId: options.conversationId ?? "test-conversation",
    profile: options.profile ?? {},
    toolResults: [],
  } as unknown as SalesStateType;
}
