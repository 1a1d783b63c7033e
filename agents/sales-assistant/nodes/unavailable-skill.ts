import type { Intent } from "../../../src/core/domain.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { reply } from "./reply.js";

const WHAT: Partial<Record<Intent, string>> = {
  product_question: "product details from our knowledge base",
  pricing: "pricing details",
  demo_request: "demo booking",
  pipeline_review: "pipeline reviews and forecasts",
  lead_insight: "lead scores and ranked lead queues",
  segment_insight: "customer segments",
  competitive_intel: "competitive intelligence",
  content_request: "content drafts with A/B variants",
  call_transcript: "call-transcript analysis",
};

/**
 * For an intent whose skill this build does not have yet: route correctly, then say so plainly instead of
 * guessing. Prospects are offered a person, who can answer anything the assistant cannot.
 */
export function createUnavailableSkillNode(intent: Intent) {
  return async function unavailableSkill(state: SalesStateType): Promise<SalesStateUpdate> {
    const what = WHAT[intent] ?? intent.replace(/_/g, " ");
    const text =
      state.actor.role === "prospect"
        ? `I can't give you ${what} in this chat yet, and I'd rather not guess. Would you like me to connect you with someone from our team who can?`
        : `I understood this as a request for ${what}, but that skill isn't switched on in this deployment yet, so I have no answer to give.`;
    return reply(text, intent);
  };
}
