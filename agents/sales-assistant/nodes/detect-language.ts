import type { SalesGraphDeps } from "../deps.js";
import { detectLanguage, languageNotice } from "../dialogue/language.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

/**
 * Prospects only, after the consent check: which language the message is in (kept in `language` for the
 * agent's prompt, "reply in German"). Without a language model nothing can answer in that language, so a
 * message confidently in another language is not answered in English as if it had been understood: the
 * reply says, in that language, that answers come in English, and offers a person. The pending ask stays.
 * A message too short to tell ("ok", "2", a name, an email) changes nothing.
 */
export function createDetectLanguageNode(deps: Pick<SalesGraphDeps, "llm" | "logger">) {
  return async function detectLanguageNode(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role !== "prospect") return { reply: "" };
    let language: string | undefined;
    try {
      language = await detectLanguage(lastUserText(state));
    } catch (error) {
      deps.logger.warn({ conversation: state.conversationId, err: error instanceof Error ? error.message : String(error) }, "language not detected");
    }
    if (!language) return { reply: "" };
    if (language === "en" || deps.llm.kind === "openai") return { reply: "", language };
    return { language, ...reply(languageNotice(language, { short: state.channel === "sms" }), "smalltalk") };
  };
}

/** A message in another language (local mode) is answered by the notice; anything else goes on to understand. */
export function afterLanguage(state: SalesStateType): "understand" | "finish_turn" {
  return state.reply ? "finish_turn" : "understand";
}
