import { recallSlots, recallText } from "../dialogue/recall.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

/** "What did I say my budget was?": answered from the conversation's own profile, nothing else. */
export function createRecallProfileNode() {
  return async function recallProfile(state: SalesStateType): Promise<SalesStateUpdate> {
    const slots = recallSlots(lastUserText(state));
    return reply(recallText(slots, state.profile), "smalltalk");
  };
}
