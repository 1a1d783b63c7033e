import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import type { Runnable } from "@langchain/core/runnables";
import type { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import { isIntent, type Intent } from "../core/domain.js";
import type { Logger } from "../core/logger.js";
import { describeError } from "./describe-error.js";
import { routeMessages } from "./prompts.js";
import type { RouteRequest } from "./provider.js";

export const ROUTE_FUNCTION = "route_intent";
/** Keeps these calls out of a graph's `messages` stream: users must not see routing arguments or a rejected rewording. */
export const NO_STREAM_TAG = "langsmith:nostream";

type StructuredRouter = Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: { intent: Intent } | null }>;

/**
 * Routing by structured output over function calling (`tools` + a named `tool_choice`), not
 * `response_format: json_schema`: every server that can run our tool-calling agents supports it
 * (vLLM named function calling, llama.cpp `--jinja`, Ollama tools), while json_schema support varies.
 */
export function createIntentRouter(
  chatModel: ChatOpenAI,
  timeoutMs: number,
  logger: Logger,
): (request: RouteRequest) => Promise<Intent | undefined> {
  const routers = new Map<string, StructuredRouter>();

  function routerFor(allowed: readonly Intent[]): StructuredRouter {
    const key = allowed.join(",");
    let router = routers.get(key);
    if (!router) {
      const schema = z.object({
        intent: z.enum(allowed as [Intent, ...Intent[]]).describe("The single best intent for the latest message"),
      });
      router = chatModel.withStructuredOutput(schema, { name: ROUTE_FUNCTION, method: "functionCalling", includeRaw: true });
      routers.set(key, router);
    }
    return router;
  }

  return async function routeIntent(request: RouteRequest): Promise<Intent | undefined> {
    if (request.allowed.length === 0) return undefined;
    const started = Date.now();
    try {
      const { raw, parsed } = await routerFor(request.allowed).invoke(routeMessages(request), {
        signal: AbortSignal.timeout(timeoutMs),
        tags: [NO_STREAM_TAG],
      });
      if (parsed && request.allowed.includes(parsed.intent)) {
        logger.debug({ intent: parsed.intent, ms: Date.now() - started }, "llm routed");
        return parsed.intent;
      }
      logger.warn({ ...rejection(raw), ms: Date.now() - started }, "llm routing answer unusable; using the local classifier");
      return undefined;
    } catch (error) {
      logger.warn({ err: describeError(error), ms: Date.now() - started }, "llm routing failed; using the local classifier");
      return undefined;
    }
  };
}

function rejection(raw: BaseMessage): { reason: string; intent?: Intent } {
  if (!AIMessage.isInstance(raw)) return { reason: "no_function_call" };
  const call = raw.tool_calls?.find((c) => c.name === ROUTE_FUNCTION);
  if (!call) return { reason: raw.invalid_tool_calls?.length ? "invalid_arguments" : "no_function_call" };
  const proposed: unknown = call.args["intent"];
  // Only a known intent name is logged; anything else may be free text from the model.
  return isIntent(proposed) ? { reason: "intent_not_allowed", intent: proposed } : { reason: "invalid_arguments" };
}
