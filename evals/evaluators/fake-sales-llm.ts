import type { Intent } from "../../src/core/domain.js";
import type { ChatCompletionRequest, FakeReply, FakeResponder } from "../../tests/fakes/openai-server.js";

/**
 * The scripted model behind `npm run eval -- conversations --llm fake`: the same answers for every scenario,
 * decided from the request alone.
 * - routing (a `route_intent` function call): a small keyword table over the latest message, restricted to
 *   the intents the request allows, as a sensible model would answer;
 * - rewording (a prompt with a `Draft:`): the draft, unchanged;
 * - anything else (a tool-calling agent turn): a plain reply with no tool calls and no facts in it.
 * Counts what it was asked, so the report can say how much of a run went through it.
 */

const CARRIER_KEYWORDS = /^\s*(stop|stopall|unsubscribe|cancel|end|quit|revoke|optout)\s*[.!]*\s*$/i;

/** First match wins. Ordered from the most to the least specific. */
const KEYWORDS: readonly [Intent, RegExp][] = [
  ["opt_out", /\b(unsubscribe|opt(?:-| )?out|stop (?:sending|texting|messaging|contacting|emailing)|(?:don'?t|do not|never) (?:contact|message|text|email|call) me|remove me from|leave me alone|take me off)\b/i],
  ["human_handoff", /\b(real person|a (?:real )?human|human being|call me back|(?:talk|speak|chat) (?:to|with) (?:a |an |your )?(?:someone|somebody|person|rep|representative|sales|agent|human)|connect me (?:to|with)|someone from (?:sales|your (?:sales )?team))\b/i],
  ["support", /\b(can'?t log ?in|cannot log ?in|error|broken|bug|not working|reset link|crash(?:es|ed)?|locked out)\b/i],
  ["demo_request", /\b(demo|book|schedul\w*|reschedul\w*|meeting|call with|walk ?-?through|move (?:my|the|it)|push (?:my|the|it)|cancel (?:my|the|it)|appointment|slots?|times|show (?:me|us) (?:the product|helix|around|how it works)|in action)\b/i],
  ["competitive_intel", /\b(compare|comparison|vs\.?|versus|competitor|tableau|power ?bi|looker|qlik)\b/i],
  ["pricing", /\b(price|pricing|cost|costs|how much|per seat|per user|plans?|discount|quote|licen[cs]e fee)\b/i],
  ["product_question", /\b(soc ?2|iso ?27001|gdpr|hipaa|sso|saml|integrat\w*|connector|snowflake|salesforce|hubspot|api|security|secure|compliant|compliance|encrypt\w*|uptime|sla|feature|support for|does (?:it|helix)|do you (?:have|support|offer)|can (?:it|helix)|dashboard|trial)\b/i],
];

export function routeByKeywords(text: string, allowed: readonly Intent[]): Intent {
  const wanted: Intent = CARRIER_KEYWORDS.test(text) ? "opt_out" : (KEYWORDS.find(([, pattern]) => pattern.test(text))?.[0] ?? "smalltalk");
  if (allowed.includes(wanted)) return wanted;
  return allowed.includes("smalltalk") ? "smalltalk" : allowed[0]!;
}

function contentOf(message: Record<string, unknown> | undefined): string {
  const content = message?.["content"];
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p?.text === "string" ? p.text : "")).join("");
  return "";
}

function lastUserContent(request: ChatCompletionRequest): string {
  return contentOf([...request.messages].reverse().find((m) => m["role"] === "user"));
}

function allowedIntents(request: ChatCompletionRequest, fn: { parameters?: unknown }): Intent[] {
  const params = fn.parameters as { properties?: { intent?: { enum?: unknown } } } | undefined;
  const values = params?.properties?.intent?.enum;
  return Array.isArray(values) ? (values.filter((v) => typeof v === "string") as Intent[]) : ["smalltalk"];
}

export interface FakeSalesLlm {
  respond: FakeResponder;
  counts: { route: number; phrase: number; other: number };
}

export function createFakeSalesLlm(): FakeSalesLlm {
  const counts = { route: 0, phrase: 0, other: 0 };
  const respond = (request: ChatCompletionRequest): FakeReply => {
    const route = request.tools?.find((t) => t.function.name === "route_intent");
    const user = lastUserContent(request);
    if (route) {
      counts.route++;
      // the routing prompt ends with "Latest message:\n<text>"; earlier turns come before it
      const latest = user.split(/Latest message:\n/).at(-1) ?? user;
      return { toolCalls: [{ name: "route_intent", arguments: { intent: routeByKeywords(latest, allowedIntents(request, route.function)) } }] };
    }
    const draft = /\nDraft:\n([\s\S]*)$/.exec(user) ?? /^Draft:\n([\s\S]*)$/.exec(user);
    if (draft) {
      counts.phrase++;
      return { text: draft[1]! };
    }
    counts.other++;
    return { text: "Thanks — let me look into that for you." };
  };
  return { respond, counts };
}
