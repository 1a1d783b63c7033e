import { AIMessageChunk } from "@langchain/core/messages";
import type { TurnEvent } from "../core/ports.js";
import type { ProgressEvent } from "../../agents/sales-assistant/dialogue/progress.js";

/** The stream modes a streamed turn asks the graph for: answer tokens, progress lines, and the state. */
export const TURN_STREAM_MODES = ["messages", "custom", "values"] as const;

/**
 * Turns the parts of `graph.stream(…, { streamMode: TURN_STREAM_MODES, subgraphs: true })` into turn events,
 * and keeps the draft they add up to.
 *
 * - `messages`: LangGraph already leaves out model calls tagged `langsmith:nostream` (routing, a rewording that
 *   may be rejected). Of the rest only streamed model chunks count: whole messages are node outputs (the reply
 *   `finish_turn` writes, tool results), never answer tokens. When a second model call starts writing after an
 *   earlier one wrote text (an agent's words before a tool call, then its answer), the draft restarts.
 * - `custom`: `reportProgress` status lines.
 * - `values`: the root graph's state; the last one is the turn's result, as `invoke` returns it.
 */
export function createGraphEventRelay(emit: (event: TurnEvent) => void) {
  let draft = "";
  let writer: string | undefined;
  let state: Record<string, unknown> | undefined;

  function onMessage(payload: unknown): void {
    const [chunk] = payload as [unknown, unknown];
    if (!AIMessageChunk.isInstance(chunk)) return;
    const text = chunk.text;
    if (!text) return;
    if (writer !== undefined && chunk.id !== writer && draft) {
      draft = "";
      emit({ type: "replace", text: "" });
    }
    writer = chunk.id;
    draft += text;
    emit({ type: "token", text });
  }

  return {
    take(part: unknown): void {
      const [namespace, mode, payload] = part as [string[], string, unknown];
      if (mode === "messages") onMessage(payload);
      else if (mode === "custom" && isProgress(payload)) emit({ type: "status", text: payload.text });
      else if (mode === "values" && namespace.length === 0) state = mergeState(state, payload as Record<string, unknown>);
    },
    /** The turn's final state; throws when the graph streamed none. */
    result(): Record<string, unknown> {
      if (!state) throw new Error("the graph stream ended without a state");
      return state;
    },
    /**
     * Withdraws streamed words the final text does not keep (a guard replaced the model's answer, the model
     * timed out mid-answer) with one `replace` carrying the final text. A final text that only goes on from the
     * draft needs nothing: what was not streamed comes with `final`.
     */
    settle(finalText: string): void {
      if (finalText.startsWith(draft)) return;
      emit({ type: "replace", text: finalText });
      draft = finalText;
    },
  };
}

/** An interrupt arrives as its own `values` part; `invoke` returns it beside the last state, and so do we. */
function mergeState(previous: Record<string, unknown> | undefined, next: Record<string, unknown>): Record<string, unknown> {
  return "__interrupt__" in next && previous ? { ...previous, ...next } : next;
}

function isProgress(payload: unknown): payload is ProgressEvent {
  const p = payload as Partial<ProgressEvent> | null;
  return typeof p === "object" && p !== null && p.kind === "status" && typeof p.text === "string";
}

export type GraphEventRelay = ReturnType<typeof createGraphEventRelay>;
