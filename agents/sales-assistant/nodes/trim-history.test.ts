import { AIMessage, HumanMessage, RemoveMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { messagesToDrop, summariseTrimmed, type TrimmedHistory } from "../dialogue/history-summary.js";
import type { SalesStateType } from "../state.js";
import { createTrimHistoryNode } from "./trim-history.js";

function thread(turns: number): BaseMessage[] {
  return Array.from({ length: turns }, (_, i) => [
    new HumanMessage({ id: `h${i}`, content: `question number ${i} about pricing` }),
    new AIMessage({ id: `a${i}`, content: `answer ${i}`, additional_kwargs: { intent: i % 2 ? "pricing" : "product_question" } }),
  ]).flat();
}

describe("trim_history", () => {
  it("leaves a short thread alone but drops tool outputs, keeping which tools ran", async () => {
    const trim = createTrimHistoryNode();
    const out = await trim({ messages: thread(3), toolResults: [{ tool: "catalog", ok: true, output: { big: "x".repeat(10_000) } }] } as unknown as SalesStateType);
    expect(out.messages).toBeUndefined();
    expect(out.toolResults).toEqual([{ tool: "catalog", ok: true, output: undefined }]);
    expect(JSON.stringify(out.toolResults)).not.toContain("xxx");
  });

  it("removes the oldest messages of a long thread, starting the window at a user message", async () => {
    const trim = createTrimHistoryNode({ maxMessages: 30, keepMessages: 20 });
    const messages = thread(16);
    const out = await trim({ messages, toolResults: [] } as unknown as SalesStateType);
    const removed = (out.messages as RemoveMessage[]).map((m) => m.id);
    expect(removed).toEqual(messages.slice(0, 12).map((m) => m.id));
    expect(messages[12]).toBeInstanceOf(HumanMessage);
    const summary = out.trimmedHistory as TrimmedHistory;
    expect(summary.messages).toBe(12);
    expect(summary.topics).toEqual({ product_question: 3, pricing: 3 });
  });

  it("never opens the kept window on an answer", () => {
    const messages = [new AIMessage({ id: "a", content: "welcome" }), ...thread(3)];
    const dropped = messagesToDrop(messages, 5, 4);
    expect(dropped.map((m) => m.id)).toEqual(["a", "h0", "a0"]);
  });

  it("keeps a running one-paragraph summary across trims", () => {
    const first = summariseTrimmed(undefined, thread(2));
    const second = summariseTrimmed(first, thread(3).slice(2));
    expect(second.messages).toBe(8);
    expect(second.topics).toEqual({ product_question: 2, pricing: 2 });
    expect(second.summary).not.toContain("\n");
    expect(second.summary).toMatch(/^Earlier in this conversation 8 messages were trimmed/);
    expect(second.summary).toMatch(/“question number 2 about pricing”/);
    expect(second.recent.length).toBeLessThanOrEqual(4);
  });
});
