import { AIMessage, AIMessageChunk, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import type { TurnEvent } from "../core/ports.js";
import { createGraphEventRelay } from "./graph-events.js";

function setup() {
  const events: TurnEvent[] = [];
  return { events, relay: createGraphEventRelay((e) => events.push(e)) };
}
const token = (id: string, text: string, ns: string[] = []) => [ns, "messages", [new AIMessageChunk({ id, content: text }), { langgraph_node: "agent" }]];

describe("createGraphEventRelay", () => {
  it("relays streamed model chunks and progress lines, and ignores whole messages nodes return", () => {
    const { events, relay } = setup();
    relay.take([[], "custom", { kind: "status", text: "Looking up the Globex deal…" }]);
    relay.take([[], "custom", { something: "else" }]);
    relay.take(token("run-1", "Globex "));
    relay.take(token("run-1", ""));
    relay.take(token("run-1", "is late.", ["agent:1"]));
    relay.take([[], "messages", [new AIMessage({ id: "m1", content: "Globex is late.\n\nAnything else?" }), {}]]);
    relay.take([[], "messages", [new ToolMessage({ content: "{\"deal\":1}", tool_call_id: "c1" }), {}]]);
    expect(events).toEqual([
      { type: "status", text: "Looking up the Globex deal…" },
      { type: "token", text: "Globex " },
      { type: "token", text: "is late." },
    ]);
  });

  it("restarts the draft when another model call starts writing", () => {
    const { events, relay } = setup();
    relay.take(token("run-1", "Let me check."));
    relay.take(token("run-2", "Globex is late."));
    expect(events).toEqual([
      { type: "token", text: "Let me check." },
      { type: "replace", text: "" },
      { type: "token", text: "Globex is late." },
    ]);
  });

  it("keeps the root graph's last state as the result, not a subgraph's, with an interrupt beside it", () => {
    const { relay: r } = setup();
    expect(() => r.result()).toThrow(/without a state/);
    r.take([[], "values", { reply: "" }]);
    r.take([["agent:1"], "values", { messages: [] }]);
    r.take([[], "values", { reply: "done", intent: "deal_insight" }]);
    r.take([[], "values", { __interrupt__: [{ value: "approve?" }] }]);
    expect(r.result()).toEqual({ reply: "done", intent: "deal_insight", __interrupt__: [{ value: "approve?" }] });
  });

  it("settles on the final text: a replace only when the stream said something the answer does not keep", () => {
    const a = setup();
    a.relay.take(token("run-1", "Globex is late."));
    a.relay.settle("Globex is late.\n\nAnything else?");
    expect(a.events).toEqual([{ type: "token", text: "Globex is late." }]);

    const b = setup();
    b.relay.settle("Deterministic answer.");
    expect(b.events).toEqual([]);

    const c = setup();
    c.relay.take(token("run-1", "Globex pays $1M."));
    c.relay.settle("Globex: Negotiation.");
    expect(c.events.at(-1)).toEqual({ type: "replace", text: "Globex: Negotiation." });

    const d = setup();
    d.relay.take(token("run-1", "Words."));
    d.relay.settle("");
    expect(d.events.at(-1)).toEqual({ type: "replace", text: "" });
  });
});
