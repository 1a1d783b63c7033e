import type { Config } from "../core/config.js";
import { ConfigError } from "../core/errors.js";
import { silentLogger, type Logger } from "../core/logger.js";
import { createLocalProvider } from "./local.js";
import { createOpenAiProvider } from "./openai.js";
import type { LlmCallInfo, LlmProvider } from "./provider.js";

export type { LlmProvider, PhraseRequest, RouteRequest } from "./provider.js";
export { createLocalProvider } from "./local.js";
export { createOpenAiProvider, type OpenAiProviderOptions } from "./openai.js";

export function createLlmProvider(
  config: Omit<Config["llm"], "agent">,
  logger: Logger = silentLogger(),
  onCall?: (call: LlmCallInfo) => void,
): LlmProvider {
  if (config.provider === "local") return createLocalProvider();
  if (!config.apiKey) throw new ConfigError("OPENAI_API_KEY: required when LLM_PROVIDER=openai");
  return createOpenAiProvider({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    model: config.model,
    timeoutMs: config.timeoutMs,
    logger,
    ...(onCall ? { onCall } : {}),
  });
}
