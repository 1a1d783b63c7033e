import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { isGraphInterrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { isInternal, type Intent } from "../../../src/core/domain.js";
import { checkGrounding } from "../agent/grounding.js";
import { internalAgentPrompt, prospectAgentPrompt } from "../agent/prompts.js";
import { runToolAgent } from "../agent/run-agent.js";
import { agentToolset } from "../agent/tools.js";
import type { SalesGraphDeps } from "../deps.js";
import { languageName } from "../dialogue/language.js";
import { describePreferences } from "../dialogue/preferences.js";
import { reportProgress } from "../dialogue/progress.js";
import type { SalesStateType, SalesStateUpdate, ToolResult } from "../state.js";
import { reply, textOf } from "./reply.js";

/** Prospect intents the agent answers; booking, hand-off and opt-out stay in their deterministic flows. */
const PROSPECT_AGENT_INTENTS: ReadonlySet<Intent> = new Set(["product_question", "pricing", "competitive_intel", "smalltalk"]);
/** Public tools a prospect's agent is offered. */
const PROSPECT_TOOLS = ["knowledge_search", "catalog", "capture_lead"];
/** Earlier messages the agent sees, besides the current one. */
const HISTORY = 6;

/** Whether this turn goes to the tool-calling agent: only with an LLM, and never for a pasted transcript. */
export function usesAgent(state: Pick<SalesStateType, "actor" | "intent">, deps: Pick<SalesGraphDeps, "llm">): boolean {
  if (deps.llm.kind !== "openai" || !deps.llm.chatModel) return false;
  const intent = state.intent ?? "smalltalk";
  if (isInternal(state.actor)) return intent !== "call_transcript";
  return PROSPECT_AGENT_INTENTS.has(intent);
}

function recentMessages(state: SalesStateType): BaseMessage[] {
  return state.messages
    .filter((m) => HumanMessage.isInstance(m) || AIMessage.isInstance(m))
    .slice(-(HISTORY + 1))
    .map((m) => (HumanMessage.isInstance(m) ? new HumanMessage(textOf(m)) : new AIMessage(textOf(m))));
}

const PROGRESS: Record<string, string> = {
  deal_lookup: "Looking up the deal…", pipeline_review: "Reviewing the pipeline…", lead_insight: "Checking the lead scores…",
  segment_insight: "Looking at the segments…", knowledge_search: "Searching our documentation…", catalog: "Checking the price list…",
};

/**
 * With an LLM configured: reps and managers talk to a tool-calling agent over the whole registry; prospects
 * to one offered public tools only, whose reply must pass the grounding guard (every number, price and
 * name from this turn's tool results, citations that exist). Any failure — an error, a timeout, the step
 * limit, an ungrounded reply — falls back to the deterministic node for the routed intent, and the turn
 * records why. An approval interrupt raised by a tool pauses the graph as it should.
 */
export function createAgentNode(deps: Pick<SalesGraphDeps, "llm" | "tools" | "company" | "clock" | "logger" | "agentLimits" | "telemetry">) {
  return async function agent(state: SalesStateType, config?: LangGraphRunnableConfig): Promise<SalesStateUpdate> {
    const intent = state.intent ?? "smalltalk";
    const internal = isInternal(state.actor);
    const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
    const recorded: ToolResult[] = [];
    const tools = agentToolset(
      deps.tools,
      context,
      {
        record: (result) => {
          recorded.push(result);
          const line = PROGRESS[result.tool];
          if (line) reportProgress(config, line);
        },
        refused: (name) => {
          deps.logger.warn({ conversation: state.conversationId, tool: name, role: state.actor.role }, "agent tool call refused");
          deps.telemetry?.toolRefused(name);
        },
      },
      internal ? undefined : PROSPECT_TOOLS,
    );
    const foreign = state.language && state.language !== "en" ? state.language : undefined;
    const promptInput = {
      company: deps.company.name, actor: state.actor, channel: state.channel, profile: state.profile,
      today: deps.clock.now().toISOString().slice(0, 10),
      ...(foreign ? { language: languageName(foreign) } : {}),
      ...(state.preferences && internal ? { preferences: describePreferences(state.preferences) } : {}),
    };
    const fallback = (reason: string, steps?: number): SalesStateUpdate => {
      deps.logger.warn({ conversation: state.conversationId, reason, steps }, "agent fell back to the deterministic answer");
      deps.telemetry?.agentFallback(reason);
      return { agentOutcome: { status: "fallback", reason, ...(steps ? { steps } : {}) }, toolResults: recorded };
    };
    try {
      const run = await runToolAgent({
        model: deps.llm.chatModel!,
        system: internal ? internalAgentPrompt(promptInput) : prospectAgentPrompt(promptInput),
        messages: recentMessages(state),
        tools,
        limits: { maxSteps: deps.agentLimits.maxSteps, callTimeoutMs: deps.agentLimits.callTimeoutMs, turnBudgetMs: deps.agentLimits.turnBudgetMs },
        config,
      });
      deps.logger.info(
        { conversation: state.conversationId, steps: run.steps, tools: recorded.map((r) => r.tool), inputTokens: run.tokens.input, outputTokens: run.tokens.output },
        "agent turn",
      );
      if (!internal) {
        const sources = recorded.filter((r) => r.tool === "knowledge_search" && r.ok).flatMap((r) => (r.output as { results?: unknown[] }).results ?? []);
        const evidence = [...recorded.map((r) => JSON.stringify(r.output)), ...state.messages.filter((m) => HumanMessage.isInstance(m)).map(textOf), JSON.stringify(state.profile)];
        const verdict = checkGrounding(run.text, evidence, sources.length, { english: !foreign });
        if (!verdict.ok) {
          deps.telemetry?.groundingCaught();
          return fallback(`ungrounded: ${[...verdict.ungrounded, ...verdict.badCitations.map((n) => `[${n}]`)].slice(0, 5).join(", ")}`, run.steps);
        }
      }
      return reply(run.text, intent, { toolResults: recorded, agentOutcome: { status: "answered", steps: run.steps } });
    } catch (error) {
      if (isGraphInterrupt(error)) throw error;
      return fallback(error instanceof Error ? error.message.slice(0, 200) : String(error));
    }
  };
}

/** After the agent: its answer ends the turn; a fallback goes to the deterministic node for the intent. */
export function afterAgent(state: SalesStateType): Intent | "finish_turn" {
  return state.agentOutcome?.status === "answered" ? "finish_turn" : (state.intent ?? "smalltalk");
}
