import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics for one process; a registry per container so tests do not share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: "salesgraph_http_requests_total",
    help: "HTTP requests by route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const turnSeconds = new Histogram({
    name: "salesgraph_turn_seconds",
    help: "Time to run one conversation turn through the graph",
    labelNames: ["channel", "intent"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const llmCalls = new Counter({
    name: "salesgraph_llm_calls_total",
    help: "Calls to the language model by outcome",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const llmTokens = new Counter({
    name: "salesgraph_llm_tokens_total",
    help: "Tokens used by the language model",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const llmSeconds = new Histogram({
    name: "salesgraph_llm_call_seconds",
    help: "Latency of one language model call",
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60],
    registers: [registry],
  });
  const agentFallbacks = new Counter({
    name: "salesgraph_agent_fallbacks_total",
    help: "Agent turns answered by the deterministic node instead, by reason",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const toolRefusals = new Counter({
    name: "salesgraph_agent_tool_refusals_total",
    help: "Model-issued tool calls the registry refused for the caller's role",
    labelNames: ["tool"] as const,
    registers: [registry],
  });
  const groundingCatches = new Counter({
    name: "salesgraph_grounding_catches_total",
    help: "Prospect replies the grounding guard replaced with the deterministic answer",
    registers: [registry],
  });
  return { registry, httpRequests, turnSeconds, llmCalls, llmTokens, llmSeconds, agentFallbacks, toolRefusals, groundingCatches };
}

export type Metrics = ReturnType<typeof createMetrics>;
