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
  const webhookRejections = new Counter({
    name: "salesgraph_webhook_rejections_total",
    help: "Webhook requests refused before any work, by channel and reason",
    labelNames: ["channel", "reason"] as const,
    registers: [registry],
  });
  const dedupeHits = new Counter({
    name: "salesgraph_dedupe_hits_total",
    help: "Inbound events dropped as repeats of one already handled (platform retries), by source",
    labelNames: ["source"] as const,
    registers: [registry],
  });
  const rateLimitRefusals = new Counter({
    name: "salesgraph_rate_limit_refusals_total",
    help: "Messages refused by the per-sender rate limit, by channel",
    labelNames: ["channel"] as const,
    registers: [registry],
  });
  const toolCalls = new Counter({
    name: "salesgraph_tool_calls_total",
    help: "Tool calls through the registry by tool and outcome (ok, refused, bad_input, error)",
    labelNames: ["tool", "outcome"] as const,
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: "salesgraph_job_runs_total",
    help: "Queued job runs in this process by job name and outcome",
    labelNames: ["job", "outcome"] as const,
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: "salesgraph_job_failures_total",
    help: "Queued job runs that threw (they are retried with backoff), by job name",
    labelNames: ["job"] as const,
    registers: [registry],
  });
  return {
    registry, httpRequests, turnSeconds, llmCalls, llmTokens, llmSeconds, agentFallbacks, toolRefusals, groundingCatches,
    webhookRejections, dedupeHits, rateLimitRefusals, toolCalls, jobRuns, jobFailures,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
