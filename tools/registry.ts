import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import type { z } from "zod";
import type { Actor, Channel } from "../src/core/domain.js";
import { AccessDeniedError, BadInputError, NotFoundError } from "../src/core/errors.js";
import { inSpan, type Tracer } from "../src/core/spans.js";

/** Who may call a tool: `public` tools serve prospects; `internal` tools need a verified rep or manager. */
export type Audience = "public" | "internal";

/** Facts about the caller taken from verified channel identity, never from the model or the message. */
export interface ToolContext {
  actor: Actor;
  channel: Channel;
  conversationId: string;
}

export interface SalesTool<S extends z.ZodType = z.ZodType, O = unknown> {
  name: string;
  description: string;
  audience: Audience;
  schema: S;
  run(input: z.infer<S>, context: ToolContext): Promise<O>;
}

export function defineTool<S extends z.ZodType, O>(definition: SalesTool<S, O>): SalesTool<S, O> {
  return definition;
}

function outcomeOf(error: unknown): "refused" | "bad_input" | "error" {
  return error instanceof AccessDeniedError ? "refused" : error instanceof BadInputError ? "bad_input" : "error";
}

export function mayUse(actor: Pick<Actor, "role">, audience: Audience): boolean {
  return audience === "public" || actor.role === "rep" || actor.role === "manager";
}

/**
 * The access policy in code: every call goes through `call`, which checks the tool's audience against the
 * actor before the input is even parsed. A model that names an internal tool in a prospect conversation
 * gets an AccessDeniedError, not data.
 */
export class ToolRegistry {
  private readonly byName = new Map<string, SalesTool>();

  constructor(
    tools: readonly SalesTool<any, any>[],
    /** Told of every call once it ends (metrics): ok, refused (audience), bad_input or error. */
    private readonly onCall?: (name: string, outcome: "ok" | "refused" | "bad_input" | "error") => void,
    /** OpenTelemetry (OTEL_ENABLED): one span per call, with the tool's name, audience and outcome. */
    private readonly tracer?: Tracer,
  ) {
    for (const t of tools) {
      if (this.byName.has(t.name)) throw new Error(`duplicate tool name ${t.name}`);
      this.byName.set(t.name, t);
    }
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  audienceOf(name: string): Audience | undefined {
    return this.byName.get(name)?.audience;
  }

  /** Every tool, whoever may call it: for an executor that lets `call` refuse what the actor may not use. */
  definitions(): SalesTool[] {
    return [...this.byName.values()];
  }

  visibleTo(actor: Pick<Actor, "role">): SalesTool[] {
    return [...this.byName.values()].filter((t) => mayUse(actor, t.audience));
  }

  async call<O = unknown>(name: string, input: unknown, context: ToolContext): Promise<O> {
    if (!this.tracer) return this.countedCall<O>(name, input, context);
    const known = this.byName.has(name) ? name : "unknown";
    return inSpan(this.tracer, `tool ${known}`, { "salesgraph.tool.name": known, "salesgraph.tool.audience": this.audienceOf(name) ?? "unknown" }, async (span) => {
      try {
        const out = await this.countedCall<O>(name, input, context);
        span.setAttributes({ "salesgraph.tool.ok": true, "salesgraph.tool.outcome": "ok" });
        return out;
      } catch (error) {
        span.setAttributes({ "salesgraph.tool.ok": false, "salesgraph.tool.outcome": outcomeOf(error) });
        throw error;
      }
    }, { isFailure: (error) => outcomeOf(error) === "error" });
  }

  private async countedCall<O>(name: string, input: unknown, context: ToolContext): Promise<O> {
    try {
      const out = await this.callTool<O>(name, input, context);
      this.onCall?.(name, "ok");
      return out;
    } catch (error) {
      this.onCall?.(this.byName.has(name) ? name : "unknown", outcomeOf(error));
      throw error;
    }
  }

  private async callTool<O>(name: string, input: unknown, context: ToolContext): Promise<O> {
    const t = this.byName.get(name);
    if (!t) throw new NotFoundError(`unknown tool ${name}`);
    if (!mayUse(context.actor, t.audience)) {
      throw new AccessDeniedError(`tool ${name} is not available to a ${context.actor.role}`);
    }
    const parsed = t.schema.safeParse(input);
    if (!parsed.success) throw new BadInputError(`${name}: ${parsed.error.issues[0]?.message ?? "invalid input"}`);
    return (await t.run(parsed.data, context)) as O;
  }

  /** LangChain tools for a tool-calling model: only the ones this actor may use, bound to its context. */
  asLangChainTools(context: ToolContext): StructuredToolInterface[] {
    return this.visibleTo(context.actor).map((t) =>
      tool(async (input: unknown) => JSON.stringify(await this.call(t.name, input, context)), {
        name: t.name,
        description: t.description,
        schema: t.schema as any,
      }),
    );
  }
}
