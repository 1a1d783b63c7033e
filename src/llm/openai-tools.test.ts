import { AIMessage, AIMessageChunk, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ToolNode, toolsCondition } from "@langchain/langgraph/prebuilt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startFakeOpenAi, type FakeOpenAi } from "../../tests/fakes/openai-server.js";
import { createOpenAiProvider } from "./openai.js";

const KEY = "sk-test";
let fake: FakeOpenAi;

beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: KEY });
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
});

const lookupPrice = tool(async ({ plan }) => `The ${plan} plan costs $49 per user per month.`, {
  name: "lookup_price",
  description: "Look up the list price of a plan",
  schema: z.object({ plan: z.string().describe("Plan name") }),
});

function chatModel() {
  const provider = createOpenAiProvider({ apiKey: KEY, baseUrl: fake.url, model: "fake-model", timeoutMs: 2_000, maxRetries: 0 });
  if (!provider.chatModel?.bindTools) throw new Error("openai provider must expose a tool-calling chat model");
  return provider.chatModel.bindTools([lookupPrice]);
}

const answer = "The Pro plan costs $49 per user per month.";

describe("openai provider: tool calling", () => {
  it("round-trips a tool call: call, tool result with the same id, final answer", async () => {
    fake.script({ toolCalls: [{ name: "lookup_price", arguments: { plan: "Pro" } }] }, { text: answer });
    const model = chatModel();
    const messages: BaseMessage[] = [new HumanMessage("How much is Pro?")];

    const first = await model.invoke(messages);
    expect(first.tool_calls).toEqual([{ name: "lookup_price", args: { plan: "Pro" }, id: expect.any(String), type: "tool_call" }]);
    const call = first.tool_calls![0]!;
    const result = await lookupPrice.invoke(call);
    expect(result).toBeInstanceOf(ToolMessage);
    messages.push(first, result);

    const final = await model.invoke(messages);
    expect(final.content).toBe(answer);
    expect(final.id).not.toBe(first.id);

    const [request1, request2] = fake.completions;
    expect(request1!.tools).toEqual([
      expect.objectContaining({
        type: "function",
        function: expect.objectContaining({
          name: "lookup_price",
          parameters: expect.objectContaining({ properties: { plan: expect.objectContaining({ type: "string" }) } }),
        }),
      }),
    ]);
    expect(request2!.messages).toContainEqual(
      expect.objectContaining({
        role: "assistant",
        tool_calls: [{ id: call.id, type: "function", function: { name: "lookup_price", arguments: '{"plan":"Pro"}' } }],
      }),
    );
    expect(request2!.messages).toContainEqual(
      expect.objectContaining({ role: "tool", tool_call_id: call.id, content: "The Pro plan costs $49 per user per month." }),
    );
  });

  it("completes the loop in a StateGraph with ToolNode and toolsCondition", async () => {
    fake.script({ toolCalls: [{ name: "lookup_price", arguments: { plan: "Pro" } }] }, { text: answer });
    const graph = buildAgentGraph();

    const { messages } = await graph.invoke({ messages: [new HumanMessage("How much is Pro?")] });

    expect(messages.map((m) => m.getType())).toEqual(["human", "ai", "tool", "ai"]);
    expect(messages.at(-1)!.content).toBe(answer);
    expect((messages[2] as ToolMessage).tool_call_id).toBe((messages[1] as AIMessageChunk).tool_calls![0]!.id);
    expect(new Set(messages.map((m) => m.id)).size).toBe(4);
    expect(fake.completions).toHaveLength(2);
  });

  it("completes the same loop when the graph streams messages (SSE from the server)", async () => {
    fake.script({ toolCalls: [{ name: "lookup_price", arguments: { plan: "Pro" } }] }, { text: answer });
    const graph = buildAgentGraph();

    let streamed = "";
    for await (const [chunk] of await graph.stream({ messages: [new HumanMessage("How much is Pro?")] }, { streamMode: "messages" })) {
      if (AIMessageChunk.isInstance(chunk) && typeof chunk.content === "string") streamed += chunk.content;
    }

    expect(fake.completions.map((request) => request.stream)).toEqual([true, true]);
    expect(streamed).toBe(answer);
    expect(fake.completions[1]!.messages).toContainEqual(expect.objectContaining({ role: "tool", content: "The Pro plan costs $49 per user per month." }));
  });

  it("keeps routing and phrasing out of a graph's messages stream", async () => {
    const provider = createOpenAiProvider({ apiKey: KEY, baseUrl: fake.url, model: "fake-model", timeoutMs: 2_000, maxRetries: 0 });
    fake.script({ toolCalls: [{ name: "route_intent", arguments: { intent: "pricing" } }] }, { text: "Reworded [1]." });
    const graph = new StateGraph(MessagesAnnotation)
      .addNode("reply", async () => {
        const intent = await provider.routeIntent({ text: "price?", allowed: ["pricing", "smalltalk"] });
        const text = await provider.phrase({ instruction: "Reword", draft: "Draft [1]." });
        return { messages: [new AIMessage(`${intent}: ${text}`)] };
      })
      .addEdge(START, "reply")
      .compile();

    const streamed: unknown[] = [];
    for await (const [chunk] of await graph.stream({ messages: [new HumanMessage("price?")] }, { streamMode: "messages" })) {
      streamed.push(chunk);
    }

    expect(fake.completions).toHaveLength(2);
    expect(streamed).toHaveLength(1);
    expect((streamed[0] as AIMessage).content).toBe("pricing: Reworded [1].");
  });
});

function buildAgentGraph() {
  const model = chatModel();
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", async (state: typeof MessagesAnnotation.State) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode("tools", new ToolNode([lookupPrice]))
    .addEdge(START, "agent")
    .addConditionalEdges("agent", toolsCondition, ["tools", END])
    .addEdge("tools", "agent")
    .compile();
}
