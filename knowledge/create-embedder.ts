import type { Embedder } from "./embedder.js";
import { createLocalEmbedder } from "./local-embedder.js";
import { createOpenAiEmbedder } from "./openai-embedder.js";

export type EmbedderConfig =
  | { kind: "local"; dimensions?: number }
  | { kind: "openai"; apiKey: string; baseUrl?: string; model?: string; dimensions?: number; timeoutMs?: number };

export function createEmbedder(config: EmbedderConfig): Embedder {
  return config.kind === "openai" ? createOpenAiEmbedder(config) : createLocalEmbedder(config);
}
