import { isInternal } from "../../../src/core/domain.js";
import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

const GREETING = /\b(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings|yo)\b/i;
const THANKS = /\b(thanks|thank you|thx|ty|cheers|appreciate)\b/i;
const BYE = /\b(bye|goodbye|see you|later|that'?s all|have a good)\b/i;
const WHO = /\b(who|what) are you\b|\bare you (a )?(bot|human|real|ai)\b/i;

/** A short, polite reply that steers back to what the assistant can do for this kind of actor. */
export function createSmalltalkNode(deps: Pick<SalesGraphDeps, "company">) {
  return async function smalltalk(state: SalesStateType): Promise<SalesStateUpdate> {
    const text = lastUserText(state);
    const internal = isInternal(state.actor);
    const offer = internal
      ? "Ask me about a deal, the pipeline, your top leads, segments, competitors, content drafts or a call transcript."
      : `I can answer questions about ${deps.company.name}, share pricing, or set up a demo.`;
    let opening: string;
    if (WHO.test(text)) {
      opening = internal
        ? `I'm the ${deps.company.name} sales assistant, an AI agent for the team.`
        : `I'm the ${deps.company.name} virtual assistant (an AI). A person from our team can join any time you ask.`;
    } else if (THANKS.test(text)) {
      opening = "You're welcome!";
    } else if (BYE.test(text)) {
      opening = "Thanks for stopping by — have a great day.";
    } else if (GREETING.test(text)) {
      opening = "Hi there!";
    } else {
      opening = "Happy to help.";
    }
    return reply(`${opening} ${offer}`, "smalltalk");
  };
}
