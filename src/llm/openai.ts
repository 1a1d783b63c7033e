import { ChatOpenAI } from "@langchain/openai";
import { silentLogger, type Logger } from "../core/logger.js";
import { judgePhrasing } from "./citations.js";
import { describeError } from "./describe-error.js";
import { createIntentRouter, NO_STREAM_TAG } from "./intent-router.js";
import { phraseMessages } from "./prompts.js";
import type { LlmProvider, PhraseRequest } from "./provider.js";

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
}

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const logger = (options.logger ?? silentLogger()).child({ component: "llm", provider: "openai", model: options.model });
  const chatModel = new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 1,
    // Explicit so the client never falls back to OPENAI_BASE_URL or LANGSMITH_GATEWAY from the environment.
    configuration: { baseURL: options.baseUrl ?? OPENAI_DEFAULT_BASE_URL },
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
