import { answerFromKnowledge, type KnowledgeAnswerDeps } from "../answers/answer-from-knowledge.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

export type AnswerIntent = "product_question" | "pricing" | "competitive_intel";

/**
 * Grounded answers for product, pricing and competitor questions (and whatever else the router sends here):
 * see answerFromKnowledge. The search audience follows the verified actor. No qualification question is
 * added here; the dialogue layer decides on follow-ups.
 */
export function createAnswerQuestionNode(deps: KnowledgeAnswerDeps, intent: AnswerIntent) {
  return async function answerQuestion(state: SalesStateType): Promise<SalesStateUpdate> {
    const answer = await answerFromKnowledge(deps, {
      question: lastUserText(state),
      actor: state.actor,
      channel: state.channel,
      conversationId: state.conversationId,
      profile: state.profile,
    });
    return reply(answer.text, intent, { toolResults: [...(state.toolResults ?? []), ...answer.toolResults] });
  };
}
