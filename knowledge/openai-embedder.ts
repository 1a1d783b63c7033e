import { OpenAIEmbeddings } from "@langchain/openai";
import { l2normalize, type Embedder } from "./embedder.js";

export interface OpenAiEmbedderOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint including `/v1` (OpenAI, Azure, vLLM, Ollama, llama.cpp). */
  baseUrl?: string;
  model?: string;
  /** Ask the endpoint for shorter vectors (text-embedding-3-* support it). */
  dimensions?: number;
  timeoutMs?: number;
  maxRetries?: number;
  batchSize?: number;
}

export const OPENAI_DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small";

/** Embeddings through the configured OpenAI-compatible endpoint, with LangChain's batching and retries. */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const model = options.model ?? OPENAI_DEFAULT_EMBEDDING_MODEL;
  const client = new OpenAIEmbeddings({
    model,
    apiKey: options.apiKey,
    dimensions: options.dimensions,
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    batchSize: options.batchSize ?? 256,
    // Explicit so the client never falls back to OPENAI_BASE_URL from the environment.
    configuration: { baseURL: options.baseUrl ?? "https://api.openai.com/v1" },
  });
  const toVector = (values: number[]) => l2normalize(Float32Array.from(values));
  return {
    id: `openai-${model}${options.dimensions ? `-${options.dimensions}` : ""}`,
    async embedDocuments(texts) {
      if (texts.length === 0) return [];
      return (await client.embedDocuments([...texts])).map(toVector);
    },
    async embedQuery(text) {
      return toVector(await client.embedQuery(text));
    },
  };
}
