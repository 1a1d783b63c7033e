import type { SalesGraphDeps } from "../deps.js";
import type { PendingAsk, SalesStateType, SalesStateUpdate } from "../state.js";

/** The pending ask in words, for the router's context. */
export function describeAsk(ask: PendingAsk): string {
  if (ask.kind === "option") return "a choice between the demo times it offered";
  if (ask.kind === "confirm") return `a yes or no (${ask.slot.replace(/_/g, " ")})`;
  return `their ${ask.slot.replace(/([A-Z])/g, " $1").toLowerCase()}`;
}
import { earlierUserTexts, lastUserText } from "./reply.js";

/** A rep or manager asking for the dashboard itself: the pipeline_review node answers with a sign-in link. */
export const DASHBOARD_ASK = /^(?:(?:please |can you |could you )?(?:open|send|give|show|share)(?: me)? (?:the |my |a )?)?(?:manager )?dashboard(?: link)?(?: please)?[.!?]*$|\bdashboard link\b|\blink to the dashboard\b/i;

export function createRouteIntentNode(deps: Pick<SalesGraphDeps, "router">) {
  return async function routeIntent(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role !== "prospect" && DASHBOARD_ASK.test(lastUserText(state).trim())) return { intent: "pipeline_review", routeSource: "rule" };
    const decision = await deps.router.route({
      text: lastUserText(state),
      channel: state.channel,
      role: state.actor.role,
      history: earlierUserTexts(state, 3),
      ...(state.priorAsk ? { pendingAsk: describeAsk(state.priorAsk) } : {}),
    });
    return { intent: decision.intent, routeSource: decision.source };
  };
}
