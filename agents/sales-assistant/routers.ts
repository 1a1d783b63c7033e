import { END } from "@langchain/langgraph";
import { INTENTS, type Intent } from "../../src/core/domain.js";
import type { SalesStateType } from "./state.js";

/** After the consent check: a silenced or already-answered turn ends; anything else is routed. */
export function afterConsent(state: SalesStateType): "route_intent" | typeof END {
  return state.silenced || state.reply ? END : "route_intent";
}

/** The node for the routed intent; node names are the intent names (DESIGN.md). */
export function byIntent(state: SalesStateType): Intent {
  return state.intent ?? "smalltalk";
}

export const INTENT_DESTINATIONS: readonly Intent[] = INTENTS;
