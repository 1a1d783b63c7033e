import type { ConversationHandler, InboundMessage, OutboundMessage, StreamingConversationHandler, TurnEvent } from "../../src/core/ports.js";

export function canStream(handler: ConversationHandler): handler is StreamingConversationHandler {
  return typeof (handler as Partial<StreamingConversationHandler>).stream === "function";
}

/**
 * One turn as events, whichever form the handler has. A handler that cannot stream is called as usual and its
 * answer arrives as one `token` before `final`, so adapters keep one code path and the draft rule of
 * `TurnEvent` holds for both.
 */
export async function* turnEvents(handler: ConversationHandler, message: InboundMessage): AsyncGenerator<TurnEvent> {
  if (canStream(handler)) {
    yield* handler.stream(message);
    return;
  }
  const messages = await handler(message);
  const text = messages[0]?.text ?? "";
  if (text) yield { type: "token", text };
  yield { type: "final", messages };
}

/** The answer as it grows: its text so far and the latest status line. */
export interface Draft {
  text: string;
  status?: string;
}

/**
 * Reads a turn's events to the end: `onDraft` sees the draft after each change, and the final messages are
 * returned. Throws when the turn fails or the stream ends without its final event.
 */
export async function followTurn(events: AsyncIterable<TurnEvent>, onDraft: (draft: Draft) => void): Promise<OutboundMessage[]> {
  const draft: Draft = { text: "" };
  for await (const event of events) {
    switch (event.type) {
      case "final":
        return event.messages;
      case "token":
        if (!event.text) continue;
        draft.text += event.text;
        break;
      case "replace":
        draft.text = event.text;
        break;
      case "status":
        draft.status = event.text;
        break;
    }
    onDraft({ ...draft });
  }
  throw new Error("the turn's event stream ended without its final event");
}
