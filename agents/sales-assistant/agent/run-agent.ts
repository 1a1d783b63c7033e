import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { END, MessagesAnnotation, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";

export interface AgentLimits {
  /** Model calls in one turn (each may request several tools in parallel). */
  maxSteps: number;
  /** One model call. */
  callTimeoutMs: number;
  /** The whole turn, tools included. */
  turnBudgetMs: number;
}

export interface AgentRun {
  text: string;
  /** Model calls made. */
  steps: number;
  /** Tokens the turn used, as the endpoint reported them. */
  tokens: { input: number; output: number };
}

export class AgentLimitError extends Error {}

/**
 * A ReAct loop as a small LangGraph graph: the model (offered tools) → a ToolNode (every tool, errors as
 * tool messages, interrupts re-thrown) → the model, until it answers without calling a tool. Run inside
 * a node with the node's config, so tokens stream and an approval interrupt pauses the parent graph.
 */
export async function runToolAgent(input: {
  model: BaseChatModel;
  system: string;
  messages: BaseMessage[];
  tools: { offered: StructuredToolInterface[]; executable: StructuredToolInterface[] };
  limits: AgentLimits;
  config?: LangGraphRunnableConfig;
}): Promise<AgentRun> {
  const { limits } = input;
  if (!input.model.bindTools) throw new Error("the chat model cannot call tools");
  const model = input.model.bindTools(input.tools.offered);
  const budget = AbortSignal.timeout(limits.turnBudgetMs);
  let steps = 0;
  const tokens = { input: 0, output: 0 };

  async function callModel(state: typeof MessagesAnnotation.State) {
    if (steps >= limits.maxSteps) throw new AgentLimitError(`no answer within ${limits.maxSteps} model calls`);
    steps++;
    const signal = AbortSignal.any([budget, AbortSignal.timeout(limits.callTimeoutMs)]);
    const reply = await model.invoke([new SystemMessage(input.system), ...state.messages], { signal });
    tokens.input += reply.usage_metadata?.input_tokens ?? 0;
    tokens.output += reply.usage_metadata?.output_tokens ?? 0;
    // Arguments that are not valid JSON never reach a tool: tell the model, as a tool error, so it can retry.
    const invalid = reply.invalid_tool_calls ?? [];
    const errors = (reply.tool_calls?.length ? [] : invalid).map(
      (call) => new ToolMessage({ status: "error", tool_call_id: call.id ?? "", name: call.name ?? "unknown", content: `Error: the arguments are not valid JSON (${call.error ?? "parse error"}). Call the tool again with valid arguments.` }),
    );
    return { messages: [reply, ...errors] };
  }

  function nextStep(state: typeof MessagesAnnotation.State): "tools" | "model" | typeof END {
    const last = state.messages.at(-1);
    if (last && ToolMessage.isInstance(last)) return "model";
    return last && AIMessage.isInstance(last) && last.tool_calls?.length ? "tools" : END;
  }

  const agent = new StateGraph(MessagesAnnotation)
    .addNode("model", callModel)
    .addNode("tools", new ToolNode(input.tools.executable, { handleToolErrors: true }))
    .addEdge(START, "model")
    .addConditionalEdges("model", nextStep, ["tools", "model", END])
    .addEdge("tools", "model")
    .compile({ name: "tool_agent" });

  const result = await agent.invoke({ messages: input.messages }, { ...input.config, recursionLimit: limits.maxSteps * 2 + 2, signal: budget });
  const last = result.messages.at(-1);
  const text = last && AIMessage.isInstance(last) ? last.text.trim() : "";
  if (!text) throw new AgentLimitError("the model returned no answer");
  return { text, steps, tokens };
}
