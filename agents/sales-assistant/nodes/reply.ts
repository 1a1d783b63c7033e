import { HumanMessage, type BaseMessage } from "@langchain/core/messages";
import type { Intent } from "../../../src/core/domain.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";

export function textOf(message: BaseMessage): string {
  return typeof message.content === "string"
    ? message.content
    : message.content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
}

export function lastUserText(state: Pick<SalesStateType, "messages">): string {
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const m = state.messages[i]!;
    if (HumanMessage.isInstance(m)) return textOf(m);
  }
  return "";
}

/** The user's earlier messages, oldest first, excluding the current one. */
export function earlierUserTexts(state: Pick<SalesStateType, "messages">, max: number): string[] {
  const texts = state.messages.filter((m) => HumanMessage.isInstance(m)).map(textOf);
  return texts.slice(Math.max(0, texts.length - 1 - max), -1);
}

/** The state update that sends `text` as this turn's answer (finish_turn turns it into the assistant message). */
export function reply(text: string, intent: Intent, extra: SalesStateUpdate = {}): SalesStateUpdate {
  return { ...extra, intent, reply: text };
}
