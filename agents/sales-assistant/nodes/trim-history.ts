import { RemoveMessage } from "@langchain/core/messages";
import { messagesToDrop, summariseTrimmed } from "../dialogue/history-summary.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";

export interface TrimOptions {
  /** A thread longer than this is trimmed (default 30 messages, i.e. 15 turns). */
  maxMessages?: number;
  /** How many recent messages a trim keeps (default 20). */
  keepMessages?: number;
}

/**
 * Last node of every turn, once the reply is built. A thread (an SMS number's, above all) must not grow
 * forever in its checkpoint: messages beyond the last few are removed (`RemoveMessage`) and folded into a
 * running summary, and tool outputs are dropped so the checkpoint does not carry them into later turns —
 * only which tools ran and whether they succeeded stays (the turn's result already holds the reply).
 */
export function createTrimHistoryNode(options: TrimOptions = {}) {
  const max = options.maxMessages ?? 30;
  const keep = Math.min(options.keepMessages ?? 20, max);
  return async function trimHistory(state: SalesStateType): Promise<SalesStateUpdate> {
    const toolResults = (state.toolResults ?? []).map(({ tool, ok }) => ({ tool, ok, output: undefined }));
    const dropped = messagesToDrop(state.messages, max, keep);
    if (dropped.length === 0) return { toolResults };
    return {
      toolResults,
      messages: dropped.map((m) => new RemoveMessage({ id: m.id! })),
      trimmedHistory: summariseTrimmed(state.trimmedHistory ?? undefined, dropped),
    };
  };
}
