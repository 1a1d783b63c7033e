import type { ConversationHandler, InboundMessage, OutboundMessage, StreamingConversationHandler, TurnEvent } from "../../src/core/ports.js";

export function canStream(handler: ConversationHandler): handler is StreamingConversationHandler {
  return typeof (handler as Partial<StreamingConversationHandler>).stream === "function";
}

/**
 * One turn as events, whichever form the handler has, told so that the draft always ends as the answer: right
 * before `final`, the part of the first message's text that was not streamed comes as one more `token` (all of
 * it when nothing streamed: local mode, or a handler that cannot stream), or a `replace` when the draft does not
 * lead to it. The two arrive together with `final`, with no wait between them, so an adapter that shows a
 * growing message only for a turn that streams never starts one for them.
 */
export async function* turnEvents(handler: ConversationHandler, message: InboundMessage): AsyncGenerator<TurnEvent> {
  if (!canStream(handler)) {
    const messages = await handler(message);
    yield* ending("", messages);
    return;
  }
  let draft = "";
  for await (const event of handler.stream(message)) {
    if (event.type === "final") {
      yield* ending(draft, event.messages);
      return;
    }
    if (event.type === "token") draft += event.text;
    if (event.type === "replace") draft = event.text;
    yield event;
  }
}

function* ending(draft: string, messages: OutboundMessage[]): Generator<TurnEvent> {
  const text = messages[0]?.text ?? "";
  if (!text.startsWith(draft)) yield { type: "replace", text };
  else if (text.length > draft.length) yield { type: "token", text: text.slice(draft.length) };
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
