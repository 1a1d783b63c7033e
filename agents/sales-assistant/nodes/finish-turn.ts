import { AIMessage } from "@langchain/core/messages";
import type { SalesGraphDeps } from "../deps.js";
import { nextQualificationSlot, resumeText } from "../dialogue/follow-up.js";
import { contactKeys, rememberContact } from "../dialogue/memory.js";
import { questionFor } from "../qualification/next-question.js";
import type { PendingAsk, ProfileSlot, SalesStateType, SalesStateUpdate } from "../state.js";

/** Intents after which a prospect is asked one qualification question (when one is still missing). */
const QUALIFY_AFTER = new Set(["pricing"]);
/** Turns that end with nothing else: an opt-out confirmation, a hand-off to a person. */
const LAST_WORD = new Set(["opt_out", "human_handoff", "support"]);

/**
 * Last node of every answered turn. When the node that answered asked nothing itself, the turn either
 * resumes the flow the prospect stepped out of (a question asked mid-booking) or asks one qualification
 * question — each slot once, never one the prospect declined, and never of reps or managers. Then the
 * reply becomes one assistant message, and the contact's profile is remembered across conversations.
 */
export function createFinishTurnNode(deps: Pick<SalesGraphDeps, "company" | "store" | "logger">) {
  return async function finishTurn(state: SalesStateType): Promise<SalesStateUpdate> {
    const prospect = state.actor.role === "prospect";
    let pendingAsk: PendingAsk | undefined = state.pendingAsk ?? undefined;
    const asked: ProfileSlot[] = [];
    let followUp = "";
    const lastWord = LAST_WORD.has(state.intent ?? "");
    if (prospect && !pendingAsk && state.reply && !lastWord) {
      const prior = state.priorAsk;
      if (prior && !state.askAnswer && prior.flow === "booking" && state.activeFlow === "booking") {
        pendingAsk = prior;
        followUp = resumeText(prior, deps.company.name);
      } else if (QUALIFY_AFTER.has(state.intent ?? "") || (prior?.flow === "qualification" && state.askAnswer)) {
        const slot = nextQualificationSlot(state.profile, state.asked, state.declined);
        if (slot) {
          pendingAsk = { kind: "slot", flow: "qualification", slot };
          asked.push(slot);
          followUp = questionFor(slot, deps.company.name);
        }
      }
    }
    const text = [state.reply, followUp].filter(Boolean).join("\n\n");
    if (prospect && deps.store) {
      const keys = contactKeys(state.profile, state.actor, state.channel);
      if (keys.length > 0) {
        await rememberContact(deps.store, state.actor.tenant, keys, { profile: state.profile, declined: state.declined }).catch((error: unknown) =>
          deps.logger.warn({ conversation: state.conversationId, err: error instanceof Error ? error.message : String(error) }, "contact memory not saved"),
        );
      }
    }
    return {
      reply: text,
      pendingAsk,
      asked,
      activeFlow: pendingAsk ? pendingAsk.flow : state.intent === "opt_out" || state.activeFlow === "qualification" ? undefined : state.activeFlow,
      messages: text ? [new AIMessage({ content: text, additional_kwargs: { intent: state.intent ?? "smalltalk" } })] : [],
    };
  };
}
