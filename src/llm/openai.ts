import { ChatOpenAI } from "@langchain/openai";
import { silentLogger, type Logger } from "../core/logger.js";
import { judgePhrasing } from "./citations.js";
import { describeError } from "./describe-error.js";
import { createIntentRouter, NO_STREAM_TAG } from "./intent-router.js";
import { phraseMessages } from "./prompts.js";
import type { LlmCallInfo, LlmProvider, PhraseRequest } from "./provider.js";

export interface OpenAiProviderOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint, including `/v1`. Defaults to OpenAI itself. */
  baseUrl?: string;
  model: string;
  /** Upper bound on one routing or phrasing call, retries included; the per-request timeout for agents. */
  timeoutMs: number;
  /** Retries after a failed request (5xx, 429, network). Default 1. */
  maxRetries?: number;
  logger?: Logger;
  /** Told of every model call (routing, rewording, agents): metrics. */
  onCall?: (call: LlmCallInfo) => void;
}

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** A callback handler that reports each model call's outcome, time and token usage. */
function callTimer(onCall: (call: LlmCallInfo) => void) {
  const started = new Map<string, number>();
  const usage = (output: { llmOutput?: Record<string, any> }) => output.llmOutput?.tokenUsage ?? output.llmOutput?.estimatedTokenUsage ?? {};
  return {
    handleChatModelStart: (_llm: unknown, _messages: unknown, runId: string) => void started.set(runId, Date.now()),
    handleLLMEnd: (output: { llmOutput?: Record<string, any> }, runId: string) => {
      const ms = Date.now() - (started.get(runId) ?? Date.now());
      started.delete(runId);
      const u = usage(output);
      onCall({ ok: true, ms, promptTokens: u.promptTokens, completionTokens: u.completionTokens });
    },
    handleLLMError: (_error: unknown, runId: string) => {
      const ms = Date.now() - (started.get(runId) ?? Date.now());
      started.delete(runId);
      onCall({ ok: false, ms });
    },
  };
}

export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const logger = (options.logger ?? silentLogger()).child({ component: "llm", provider: "openai", model: options.model });
  const chatModel = new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 1,
    // Explicit so the client never falls back to OPENAI_BASE_URL or LANGSMITH_GATEWAY from the environment.
    configuration: { baseURL: options.baseUrl ?? OPENAI_DEFAULT_BASE_URL },
    ...(options.onCall ? { callbacks: [callTimer(options.onCall)] } : {}),
  });

  async function phrase(request: PhraseRequest): Promise<string> {
    if (request.draft.trim() === "") return request.draft;
    const started = Date.now();
    try {
      const reply = await chatModel.invoke(phraseMessages(request), {
        signal: AbortSignal.timeout(options.timeoutMs),
        tags: [NO_STREAM_TAG],
      });
      const verdict = judgePhrasing(request.draft, reply.text);
      if (!verdict.ok) {
        logger.warn({ reason: verdict.reason, ms: Date.now() - started }, "llm phrasing rejected; sending the draft");
        return request.draft;
      }
      logger.debug({ ms: Date.now() - started }, "llm phrased");
      return verdict.text;
    } catch (error) {
      logger.warn({ err: describeError(error), ms: Date.now() - started }, "llm phrasing failed; sending the draft");
      return request.draft;
    }
  }

  return {
    kind: "openai",
    routeIntent: createIntentRouter(chatModel, options.timeoutMs, logger),
    phrase,
    chatModel,
  };
}
