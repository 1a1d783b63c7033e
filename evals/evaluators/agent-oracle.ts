import type { Intent } from "../../src/core/domain.js";
import type { ChatCompletionRequest, FakeReply, FakeResponder, FakeToolCall } from "../../tests/fakes/openai-server.js";
import type { AgentQuestion, ArgMatcher } from "./agent-questions.js";

/**
 * The scripted "oracle" behind `npm run eval -- agent --fake`: it knows the labels, so it routes each
 * question to an intent the agent answers, calls exactly the labelled tools with arguments that satisfy the
 * labels, and then replies (a prospect's scripted invention, when the question has one). Its scores prove
 * that the harness reads the turn and scores it correctly; they say nothing about any model.
 */

const INTENT_OF_TOOL: Record<string, Intent> = {
  crm_find_deals: "deal_insight", pipeline_deal_predictions: "deal_insight", pipeline_review: "pipeline_review",
  lead_scores: "lead_insight", segment_insight: "segment_insight", knowledge_search: "competitive_intel",
  catalog: "pricing", send_follow_up: "content_request", log_crm_note: "content_request", update_deal_next_step: "content_request",
};
const PROSPECT_INTENT_OF_TOOL: Record<string, Intent> = { knowledge_search: "product_question", catalog: "pricing" };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function contentOf(message: Json | undefined): string {
  const content = message?.["content"];
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (isObject(p) && typeof p["text"] === "string" ? p["text"] : "")).join("");
  return "";
}

/** A value that satisfies the matcher, or undefined when none is needed (absent) or none can be made (a regex). */
export function valueFor(matcher: ArgMatcher): unknown {
  if (typeof matcher !== "object") return matcher;
  if ("contains" in matcher) return matcher.contains;
  if ("equals" in matcher) return matcher.equals;
  if ("oneOf" in matcher) return matcher.oneOf[0];
  if ("anyOf" in matcher) return matcher.anyOf.map(valueFor).find((v) => v !== undefined);
  return undefined;
}

/** A placeholder for each required field, so the labelled fields are what the call is about. */
function required(schema: unknown): Json {
  if (!isObject(schema) || !isObject(schema["properties"])) return {};
  const out: Json = {};
  const props = schema["properties"] as Json;
  for (const key of Array.isArray(schema["required"]) ? (schema["required"] as string[]) : []) {
    const p = props[key];
    if (!isObject(p)) continue;
    if (Array.isArray(p["enum"])) out[key] = p["enum"][0];
    else if (p["const"] !== undefined) out[key] = p["const"];
    else if (p["type"] === "string") out[key] = "as discussed";
    else if (p["type"] === "number" || p["type"] === "integer") out[key] = typeof p["minimum"] === "number" ? p["minimum"] : 1;
    else if (p["type"] === "boolean") out[key] = false;
    else if (p["type"] === "array") out[key] = [];
    else if (p["type"] === "object") out[key] = required(p);
  }
  return out;
}

/** Puts a value at a dotted path; text aimed at an object field goes into its `name` or `query`. */
function place(input: Json, schema: unknown, path: string, value: unknown): void {
  const keys = path === "*" ? ["query"] : path.split(".");
  let target = input;
  let node: unknown = schema;
  keys.forEach((key, i) => {
    const props = isObject(node) && isObject(node["properties"]) ? (node["properties"] as Json) : {};
    node = props[key];
    if (i < keys.length - 1) {
      target = (isObject(target[key]) ? target[key] : (target[key] = {})) as Json;
      return;
    }
    const inner = isObject(node) && isObject(node["properties"]) ? (node["properties"] as Json) : undefined;
    const slot = inner && typeof value === "string" ? ["name", "query"].find((k) => k in inner) : undefined;
    target[key] = slot ? { ...(isObject(target[key]) ? target[key] : {}), [slot]: value } : value;
  });
}

export function oracleCall(question: AgentQuestion, tool: string, parameters: unknown): FakeToolCall {
  const input = required(parameters);
  for (const [path, matcher] of Object.entries(question.expect.args[tool] ?? {})) {
    const value = valueFor(matcher);
    if (value !== undefined) place(input, parameters, path, value);
  }
  return { name: tool, arguments: input };
}

export interface AgentOracle {
  respond: FakeResponder;
  counts: { route: number; toolCalls: number; replies: number; unknown: number };
}

export function createAgentOracle(questions: readonly AgentQuestion[]): AgentOracle {
  const byText = new Map(questions.map((q) => [q.text.trim(), q]));
  const counts = { route: 0, toolCalls: 0, replies: 0, unknown: 0 };
  const respond = (request: ChatCompletionRequest): FakeReply => {
    const messages = request.messages;
    const lastUser = [...messages].reverse().find((m) => m["role"] === "user");
    const route = request.tools?.find((t) => t.function.name === "route_intent");
    if (route) {
      counts.route++;
      const latest = (contentOf(lastUser).split(/Latest message:\n/).at(-1) ?? "").trim();
      const q = byText.get(latest);
      const allowed = ((route.function.parameters as { properties?: { intent?: { enum?: Intent[] } } })?.properties?.intent?.enum ?? []) as Intent[];
      const first = q?.expect.tools[0];
      const wanted = q?.role === "prospect" ? PROSPECT_INTENT_OF_TOOL[first ?? ""] ?? "smalltalk" : INTENT_OF_TOOL[first ?? ""] ?? "smalltalk";
      return { toolCalls: [{ name: "route_intent", arguments: { intent: allowed.includes(wanted) ? wanted : allowed.includes("smalltalk") ? "smalltalk" : allowed[0] } }] };
    }
    const q = byText.get(contentOf(lastUser).trim());
    if (!q || !request.tools?.length) {
      const draft = /(?:^|\n)Draft:\n([\s\S]*)$/.exec(contentOf(lastUser));
      counts.unknown++;
      return { text: draft ? draft[1]! : "Noted." };
    }
    const answeredTools = messages.slice(messages.lastIndexOf(lastUser!) + 1).some((m) => m["role"] === "tool");
    if (answeredTools || q.expect.tools.length === 0) {
      counts.replies++;
      return { text: q.fakeReply ?? (q.expect.tools.length ? "Here is what I found." : "Sorry, which one do you mean?") };
    }
    counts.toolCalls++;
    const parameters = (name: string) => request.tools!.find((t) => t.function.name === name)?.function.parameters;
    return { toolCalls: q.expect.tools.map((tool) => oracleCall(q, tool, parameters(tool))) };
  };
  return { respond, counts };
}
