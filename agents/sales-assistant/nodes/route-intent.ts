import type { SalesGraphDeps } from "../deps.js";
import type { PendingAsk, SalesStateType, SalesStateUpdate } from "../state.js";

/** The pending ask in words, for the router's context. */
export function describeAsk(ask: PendingAsk): string {
  if (ask.kind === "option") return "a choice between the demo times it offered";
  if (ask.kind === "confirm") return `a yes or no (${ask.slot.replace(/_/g, " ")})`;
  return `their ${ask.slot.replace(/([A-Z])/g, " $1").toLowerCase()}`;
}
import { earlierUserTexts, lastUserText } from "./reply.js";

export function createRouteIntentNode(deps: Pick<SalesGraphDeps, "router">) {
  return async function routeIntent(state: SalesStateType): Promise<SalesStateUpdate> {
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
