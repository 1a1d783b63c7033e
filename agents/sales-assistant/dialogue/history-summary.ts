import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";

/** What trim_history dropped from a long thread: counts, topics, and a one-paragraph summary. */
export interface TrimmedHistory {
  messages: number;
  /** How many of the dropped turns went to each intent. */
  topics: Record<string, number>;
  /** The user's last few dropped messages, newest last. */
  recent: string[];
  summary: string;
}

const RECENT = 4;
const QUOTE = 100;

function text(message: BaseMessage): string {
  return typeof message.content === "string"
    ? message.content
    : message.content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
}

/**
 * Messages to drop from a thread longer than `max`: the oldest, leaving about `keep`, cut just before a
 * user message so the window never opens on half a turn (an answer without its question).
 */
export function messagesToDrop(messages: readonly BaseMessage[], max: number, keep: number): BaseMessage[] {
  if (messages.length <= max) return [];
  let cut = Math.max(0, messages.length - keep);
  while (cut < messages.length - 1 && !HumanMessage.isInstance(messages[cut]!)) cut++;
  return messages.slice(0, cut).filter((m) => m.id !== undefined);
}

/**
 * The running summary after dropping `dropped` (deterministic: counts and quotes; what the user told us is
 * already kept in the profile slots, which are never trimmed).
 */
export function summariseTrimmed(previous: TrimmedHistory | undefined, dropped: readonly BaseMessage[]): TrimmedHistory {
  const topics = { ...(previous?.topics ?? {}) };
  const recent = [...(previous?.recent ?? [])];
  for (const m of dropped) {
    if (AIMessage.isInstance(m)) {
      const intent = typeof m.additional_kwargs?.intent === "string" ? m.additional_kwargs.intent : undefined;
      if (intent) topics[intent] = (topics[intent] ?? 0) + 1;
    } else if (HumanMessage.isInstance(m)) {
      const said = text(m).replace(/\s+/g, " ").trim();
      if (said.split(" ").length >= 3) recent.push(said.length > QUOTE ? `${said.slice(0, QUOTE - 1)}…` : said);
    }
  }
  const messages = (previous?.messages ?? 0) + dropped.length;
  const kept = recent.slice(-RECENT);
  const byCount = Object.entries(topics).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const summary = [
    `Earlier in this conversation ${messages} messages were trimmed from the thread.`,
    byCount.length ? `They covered ${byCount.map(([t, n]) => `${t.replace(/_/g, " ")} (${n})`).join(", ")}.` : "",
    kept.length ? `The user's last trimmed messages: ${kept.map((q) => `“${q}”`).join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return { messages, topics, recent: kept, summary };
}
