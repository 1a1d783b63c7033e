import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

/** Carrier re-subscribe keywords (Twilio honours START, YES, UNSTOP on long codes). */
const RESUBSCRIBE = /^\s*(start|unstop|yes)\s*[.!]*\s*$/i;

/**
 * Runs first on every turn. A contact who withdrew consent gets nothing back — unless the message is an
 * explicit re-subscribe, which restores consent and says so once.
 */
export function createCheckConsentNode(deps: Pick<SalesGraphDeps, "consents">) {
  return async function checkConsent(state: SalesStateType): Promise<SalesStateUpdate> {
    const withdrawn = await deps.consents.isWithdrawn(state.channel, state.actor.id);
    if (!withdrawn) return { silenced: false };
    if (RESUBSCRIBE.test(lastUserText(state))) {
      await deps.consents.set({ channel: state.channel, identity: state.actor.id, status: "granted", source: "resubscribe" });
      return reply("You're subscribed again. How can I help?", "smalltalk", {
        intent: "smalltalk",
        profile: { consent: "granted" },
      });
    }
    return { silenced: true, reply: "", intent: "opt_out" };
  };
}
