import { END } from "@langchain/langgraph";
import { INTENTS, type Intent } from "../../src/core/domain.js";
import type { SalesStateType } from "./state.js";

/** After the consent check: a silenced turn ends, a re-subscribe is already answered, anything else goes on. */
export function afterConsent(state: SalesStateType): "understand" | "finish_turn" | typeof END {
  if (state.silenced) return END;
  return state.reply ? "finish_turn" : "understand";
}

/** The node for the routed intent; node names are the intent names (DESIGN.md). */
export function byIntent(state: SalesStateType): Intent {
  return state.intent ?? "smalltalk";
}

export const INTENT_DESTINATIONS: readonly Intent[] = INTENTS;
