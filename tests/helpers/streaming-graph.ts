import { AIMessage, HumanMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { MemorySaver } from "@langchain/langgraph-checkpoint";
import { reportProgress } from "../../agents/sales-assistant/dialogue/progress.js";
import type { SalesGraph } from "../../agents/sales-assistant/graph.js";
import { SalesState, type SalesStateType } from "../../agents/sales-assistant/state.js";
import { NO_STREAM_TAG } from "../../src/llm/intent-router.js";

export const STATUS_LINE = "Looking up the Globex deal…";
export const DETERMINISTIC_ANSWER = "Globex: Negotiation, $120,000, 60% to close by March 31.";
export const FOLLOW_UP = "Want the risks too?";

/**
 * The smallest graph shaped like the sales assistant's turn, for streaming tests until the agent nodes stream:
 * `route` asks the model with the no-stream tag (its words must never reach the user), `answer` reports progress
 * and lets the model write the answer untagged (its tokens stream), keeping the deterministic answer when the
 * model fails, times out or names a figure the deterministic answer does not hold (a stand-in grounding guard),
 * and `finish` adds a follow-up question as `finish_turn` does.
 */
export function buildStreamingTestGraph(model: BaseChatModel, options: { callTimeoutMs: number; followUp?: boolean }): SalesGraph {
  async function route(): Promise<Partial<SalesStateType>> {
    await model.invoke([new HumanMessage("Which intent?")], { tags: [NO_STREAM_TAG] });
    return { intent: "deal_insight", routeSource: "llm" };
  }

  async function answer(state: SalesStateType, config: LangGraphRunnableConfig): Promise<Partial<SalesStateType>> {
    reportProgress(config, STATUS_LINE);
    try {
      const reply = await model.invoke(state.messages, { signal: AbortSignal.timeout(options.callTimeoutMs) });
      const figures = reply.text.match(/\$[\d,]+/g) ?? [];
      const grounded = figures.every((figure) => DETERMINISTIC_ANSWER.includes(figure));
      return { reply: grounded && reply.text ? reply.text : DETERMINISTIC_ANSWER };
    } catch {
      return { reply: DETERMINISTIC_ANSWER };
    }
  }

  async function finish(state: SalesStateType): Promise<Partial<SalesStateType>> {
    const text = options.followUp ? `${state.reply}\n\n${FOLLOW_UP}` : state.reply;
    return { reply: text, messages: [new AIMessage(text)] };
  }

  const graph = new StateGraph(SalesState)
    .addNode({ route, answer, finish })
    .addEdge(START, "route")
    .addEdge("route", "answer")
    .addEdge("answer", "finish")
    .addEdge("finish", END)
    .compile({ checkpointer: new MemorySaver() });
  // The handler only invokes and streams the graph with the sales state; node names do not matter to it.
  return graph as unknown as SalesGraph;
}
