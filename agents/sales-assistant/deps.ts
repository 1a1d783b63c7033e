import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph";
import type { Clock } from "../../src/core/clock.js";
import type { Config } from "../../src/core/config.js";
import type { Logger } from "../../src/core/logger.js";
import type { Tracer } from "../../src/core/spans.js";
import type { Channel, Intent, Role } from "../../src/core/domain.js";
import type { ConsentsRepo } from "../../src/infra/postgres/consents-repo.js";
import type { OutreachCrm } from "../../src/core/outreach.js";
import type { LlmProvider } from "../../src/llm/provider.js";
import type { ToolRegistry } from "../../tools/registry.js";

export interface RouteDecision {
  intent: Intent;
  confidence: number;
  source: "rule" | "classifier" | "llm";
}

export interface IntentRouter {
  route(input: { text: string; channel: Channel; role: Role; history?: string[]; pendingAsk?: string }): Promise<RouteDecision>;
}

/** Counters the composition root keeps (Prometheus); optional so the graph runs without them. */
export interface AgentTelemetry {
  toolRefused(tool: string): void;
  agentFallback(reason: string): void;
  groundingCaught(): void;
}

/** Everything the graph's nodes use, injected by the composition root (src/app/container.ts). */
export interface SalesGraphDeps {
  router: IntentRouter;
  tools: ToolRegistry;
  consents: ConsentsRepo;
  llm: LlmProvider;
  company: Config["company"];
  clock: Clock;
  logger: Logger;
  /** Tool-calling agent limits (LLM mode). */
  agentLimits: { maxSteps: number; callTimeoutMs: number; turnBudgetMs: number };
  telemetry?: AgentTelemetry;
  checkpointer?: BaseCheckpointSaver;
  /** Memory that spans conversations (profile by contact); optional so a graph can run without it. */
  store?: BaseStore;
  /** CRM reads for follow-up drafts (content_request); without it follow-ups are not offered. */
  outreach?: OutreachCrm;
  /** OpenTelemetry (OTEL_ENABLED): one span per node run; absent, the nodes run unwrapped. */
  tracer?: Tracer;
}
