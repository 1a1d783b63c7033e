import type { SalesGraphDeps } from "../deps.js";
import { contactKeys } from "../dialogue/memory.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { reply } from "./reply.js";

/** Records the withdrawal through the public consent tool and confirms once; check-consent silences the rest. */
export function createOptOutNode(deps: Pick<SalesGraphDeps, "tools" | "company" | "consents">) {
  return async function optOut(state: SalesStateType): Promise<SalesStateUpdate> {
    await deps.tools.call(
      "record_consent",
      { status: "withdrawn", source: `${state.channel}:opt_out` },
      { actor: state.actor, channel: state.channel, conversationId: state.conversationId },
    );
    // Per contact: the email and phone this conversation knows are silenced on every channel too.
    const keys = state.actor.role === "prospect" ? contactKeys(state.profile, state.actor, state.channel) : [];
    if (keys.length > 0) await deps.consents.setContact({ keys, status: "withdrawn", source: `${state.channel}:opt_out` });
    const text =
      state.channel === "sms"
        ? `You're unsubscribed from ${deps.company.name} messages and won't receive any more. Reply START to resubscribe.`
        : `Understood — you're opted out and ${deps.company.name} won't contact you again. Send START if you change your mind.`;
    return reply(text, "opt_out", { profile: { consent: "withdrawn" } });
  };
}
