import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { isGraphInterrupt } from "@langchain/langgraph";
import { AccessDeniedError } from "../../../src/core/errors.js";
import type { ToolContext, ToolRegistry } from "../../../tools/registry.js";
import type { ToolResult } from "../state.js";

export interface AgentToolset {
  /** What the model is shown: the tools this actor may use (prospects: `allow` narrows them further). */
  offered: StructuredToolInterface[];
  /** What the executor can run: every tool, each call checked by the registry for this actor. */
  executable: StructuredToolInterface[];
}

export interface AgentToolHooks {
  /** Every call, with its input and outcome, in order: the turn's tool results. */
  record(result: ToolResult): void;
  /** A call the registry refused (an internal tool from a prospect conversation, say). */
  refused?(name: string): void;
}

/**
 * The agent's tools over the registry, bound to the verified caller. The model is offered only what this
 * actor may use, but the executor knows every tool name, so a forged call to an internal tool reaches the
 * registry, which refuses it: the model gets an error tool message, and the refusal is recorded and counted.
 */
export function agentToolset(registry: ToolRegistry, context: ToolContext, hooks: AgentToolHooks, allow?: readonly string[]): AgentToolset {
  const executable = registry.definitions().map((definition) =>
    tool(
      async (input: unknown) => {
        try {
          const output = await registry.call(definition.name, input, context);
          hooks.record({ tool: definition.name, ok: true, input, output });
          return JSON.stringify(output);
        } catch (error) {
          if (isGraphInterrupt(error)) throw error;
          const reason = error instanceof Error ? error.message : String(error);
          hooks.record({ tool: definition.name, ok: false, input, output: { error: reason } });
          if (error instanceof AccessDeniedError) hooks.refused?.(definition.name);
          throw error;
        }
      },
      // The registry validates the input itself, so a malformed call comes back as the registry's reason.
      { name: definition.name, description: definition.description, schema: definition.schema as never },
    ),
  );
  const visible = new Set(registry.visibleTo(context.actor).map((t) => t.name).filter((name) => !allow || allow.includes(name)));
  return { offered: executable.filter((t) => visible.has(t.name)), executable };
}
