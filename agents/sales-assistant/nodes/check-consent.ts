import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { SalesGraphDeps } from "../deps.js";
import { contactKeys } from "../dialogue/memory.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

/** Carrier re-subscribe keywords (Twilio honours START, YES, UNSTOP on long codes). */
const RESUBSCRIBE = /^\s*(start|unstop|yes)\s*[.!]*\s*$/i;

/**
 * Runs first on every turn. Consent is per contact: a person who withdrew it on any channel (by this
 * identity, or by the email or phone this conversation knows) gets nothing back — unless the message is an
 * explicit re-subscribe, which restores consent and says so once.
 */
export function createCheckConsentNode(deps: Pick<SalesGraphDeps, "consents">) {
  return async function checkConsent(state: SalesStateType, config?: LangGraphRunnableConfig): Promise<SalesStateUpdate> {
    const keys = state.actor.role === "prospect" ? contactKeys(state.profile ?? {}, state.actor, state.channel) : [];
    const known = consentSnapshot(config);
    // The handler read this identity's consent with the conversation; a key the profile adds needs a query.
    const withdrawn =
      known && keys.every((key) => known.keys.includes(key))
        ? known.withdrawn
        : await deps.consents.isWithdrawn(state.channel, state.actor.id, keys);
    if (!withdrawn) return { silenced: false };
    if (RESUBSCRIBE.test(lastUserText(state))) {
      await deps.consents.set({ channel: state.channel, identity: state.actor.id, status: "granted", source: "resubscribe" });
      if (keys.length > 0) await deps.consents.setContact({ keys, status: "granted", source: "resubscribe" });
      return reply("You're subscribed again. How can I help?", "smalltalk", {
        intent: "smalltalk",
        profile: { consent: "granted" },
      });
    }
    return { silenced: true, reply: "", intent: "opt_out" };
  };
}

/** The consent the conversation handler passes in `configurable.consent` (ConversationsRepo.ensure). */
function consentSnapshot(config?: LangGraphRunnableConfig): { withdrawn: boolean; keys: string[] } | undefined {
  const value = config?.configurable?.consent as { withdrawn?: unknown; keys?: unknown } | undefined;
  return value && typeof value.withdrawn === "boolean" && Array.isArray(value.keys) ? { withdrawn: value.withdrawn, keys: value.keys as string[] } : undefined;
}
