import { END, START, StateGraph } from "@langchain/langgraph";
import type { Intent } from "../../src/core/domain.js";
import type { SalesGraphDeps } from "./deps.js";
import { createCheckConsentNode } from "./nodes/check-consent.js";
import { createDealInsightNode } from "./nodes/deal-insight.js";
import { createHandoffNode } from "./nodes/hand-off.js";
import { createOptOutNode } from "./nodes/opt-out.js";
import { createRouteIntentNode } from "./nodes/route-intent.js";
import { createSmalltalkNode } from "./nodes/smalltalk.js";
import { createUnavailableSkillNode } from "./nodes/unavailable-skill.js";
import { afterConsent, byIntent, INTENT_DESTINATIONS } from "./routers.js";
import { SalesState, type SalesStateType, type SalesStateUpdate } from "./state.js";

type IntentNode = (state: SalesStateType) => Promise<SalesStateUpdate>;

export function buildIntentNodes(deps: SalesGraphDeps): Record<Intent, IntentNode> {
  return {
    product_question: createUnavailableSkillNode("product_question"),
    pricing: createUnavailableSkillNode("pricing"),
    demo_request: createUnavailableSkillNode("demo_request"),
    support: createHandoffNode(deps, "support"),
    human_handoff: createHandoffNode(deps, "human"),
    opt_out: createOptOutNode(deps),
    deal_insight: createDealInsightNode(deps),
    pipeline_review: createUnavailableSkillNode("pipeline_review"),
    lead_insight: createUnavailableSkillNode("lead_insight"),
    segment_insight: createUnavailableSkillNode("segment_insight"),
    competitive_intel: createUnavailableSkillNode("competitive_intel"),
    content_request: createUnavailableSkillNode("content_request"),
    call_transcript: createUnavailableSkillNode("call_transcript"),
    smalltalk: createSmalltalkNode(deps),
  };
}

/** The sales assistant: consent check → router → one node per intent → end. Wiring only. */
export function buildSalesGraph(deps: SalesGraphDeps) {
  const graph = new StateGraph(SalesState)
    .addNode({
      check_consent: createCheckConsentNode(deps),
      route_intent: createRouteIntentNode(deps),
      ...buildIntentNodes(deps),
    })
    .addEdge(START, "check_consent")
    .addConditionalEdges("check_consent", afterConsent, ["route_intent", END])
    .addConditionalEdges("route_intent", byIntent, [...INTENT_DESTINATIONS]);
  for (const intent of INTENT_DESTINATIONS) graph.addEdge(intent, END);
  return graph.compile({ checkpointer: deps.checkpointer, name: "sales-assistant" });
}

export type SalesGraph = ReturnType<typeof buildSalesGraph>;
