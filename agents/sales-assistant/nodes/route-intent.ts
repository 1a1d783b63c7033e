import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { earlierUserTexts, lastUserText } from "./reply.js";

export function createRouteIntentNode(deps: Pick<SalesGraphDeps, "router">) {
  return async function routeIntent(state: SalesStateType): Promise<SalesStateUpdate> {
    const decision = await deps.router.route({
      text: lastUserText(state),
      channel: state.channel,
      role: state.actor.role,
      history: earlierUserTexts(state, 3),
    });
    return { intent: decision.intent, routeSource: decision.source };
  };
}
