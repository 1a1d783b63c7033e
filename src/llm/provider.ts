import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Intent } from "../core/domain.js";

export interface RouteRequest {
  text: string;
  /** The intents this actor may reach; the answer must be one of them. */
  allowed: readonly Intent[];
  /** Earlier turns, oldest first, for context (short). */
  history?: string[];
  /** What the assistant asked last, which this message did not answer. */
  pendingAsk?: string;
}

export interface PhraseRequest {
  /** What the reply must do, e.g. "Answer the prospect's question from the facts; keep citations [n]". */
  instruction: string;
  /** The grounded, complete reply the local mode would send. */
  draft: string;
  /** Facts the wording may use and nothing else. */
  facts?: string;
}

/**
 * One interface, two implementations (DESIGN.md "Language model"). `local` is deterministic and offline;
 * `openai` talks to any OpenAI-compatible endpoint and falls back to local behaviour on any error, so a
 * flaky endpoint makes answers plainer, never missing.
 */
export interface LlmProvider {
  readonly kind: "local" | "openai";
  /** Structured-output routing. `undefined` means: no opinion, use the local classifier. */
  routeIntent(request: RouteRequest): Promise<Intent | undefined>;
  /** Rewords a grounded draft. Local mode returns the draft unchanged. */
  phrase(request: PhraseRequest): Promise<string>;
  /** The chat model for tool-calling agents; absent in local mode. */
  readonly chatModel?: BaseChatModel;
}

/** One finished model call, for metrics and per-conversation token logs. */
export interface LlmCallInfo {
  ok: boolean;
  ms: number;
  promptTokens?: number;
  completionTokens?: number;
}
