import { END, START, StateGraph } from "@langchain/langgraph";
import type { Intent } from "../../src/core/domain.js";
import type { SalesGraphDeps } from "./deps.js";
import { afterAgent, createAgentNode, usesAgent } from "./nodes/agent.js";
import { createAnswerQuestionNode } from "./nodes/answer-question.js";
import { createCallTranscriptNode } from "./nodes/call-transcript.js";
import { createCheckConsentNode } from "./nodes/check-consent.js";
import { createCompetitiveIntelNode } from "./nodes/competitive-intel.js";
import { createContentRequestNode } from "./nodes/content-request.js";
import { createDealInsightNode } from "./nodes/deal-insight.js";
import { createDemoRequestNode } from "./nodes/demo-request.js";
import { createFinishTurnNode } from "./nodes/finish-turn.js";
import { createHandoffNode } from "./nodes/hand-off.js";
import { createLeadInsightNode } from "./nodes/lead-insight.js";
import { createMarketingInsightNode, routesToMarketing } from "./nodes/marketing-insight.js";
import { createPipelineReviewNode } from "./nodes/pipeline-review.js";
import { createQualifyNode } from "./nodes/qualify.js";
import { createRecallProfileNode } from "./nodes/recall-profile.js";
import { createSegmentInsightNode } from "./nodes/segment-insight.js";
import { createOptOutNode } from "./nodes/opt-out.js";
import { createRouteIntentNode } from "./nodes/route-intent.js";
import { createSmalltalkNode } from "./nodes/smalltalk.js";
import { afterLanguage, createDetectLanguageNode } from "./nodes/detect-language.js";
import { afterPreference, afterUnderstandWithPreferences, createRememberPreferenceNode } from "./nodes/remember-preference.js";
import { createTrimHistoryNode } from "./nodes/trim-history.js";

import { createUnderstandNode } from "./nodes/understand.js";
import { afterConsent, byIntent, INTENT_DESTINATIONS } from "./routers.js";
import { SalesState, type SalesStateType, type SalesStateUpdate } from "./state.js";
import { traceNodes } from "./traced-nodes.js";

type IntentNode = (state: SalesStateType) => Promise<SalesStateUpdate>;

export function buildIntentNodes(deps: SalesGraphDeps): Record<Intent, IntentNode> {
  return {
    product_question: createAnswerQuestionNode(deps, "product_question"),
    pricing: createAnswerQuestionNode(deps, "pricing"),
    demo_request: createDemoRequestNode(deps),
    support: createHandoffNode(deps, "support"),
    human_handoff: createHandoffNode(deps, "human"),
    opt_out: createOptOutNode(deps),
    deal_insight: createDealInsightNode(deps),
    pipeline_review: createPipelineReviewNode(deps),
    lead_insight: createLeadInsightNode(deps),
    segment_insight: createSegmentInsightNode(deps),
    competitive_intel: createCompetitiveIntelNode(deps),
    content_request: createContentRequestNode(deps),
    call_transcript: createCallTranscriptNode(deps),
    smalltalk: createSmalltalkNode(deps),
  };
}

/**
 * The sales assistant, one turn: consent → language (prospects) → understand (answer to the pending ask?
 * details? memory) → back into the flow that asked, or preferences (reps, managers) and the router → one
 * node per intent → finish_turn (resume the flow or ask one qualification question; remember the contact)
 * → trim_history (bounded thread, no old tool outputs) → end. Wiring only.
 */
export function buildSalesGraph(deps: SalesGraphDeps) {
  const graph = new StateGraph(SalesState)
    .addNode(traceNodes(deps.tracer, {
      check_consent: createCheckConsentNode(deps),
      understand: createUnderstandNode(deps),
      route_intent: createRouteIntentNode(deps),
      qualify: createQualifyNode(deps),
      recall: createRecallProfileNode(),
      finish_turn: createFinishTurnNode(deps),
      detect_language: createDetectLanguageNode(deps),
      remember_preference: createRememberPreferenceNode(deps),
      trim_history: createTrimHistoryNode(),
      agent: createAgentNode(deps),
      marketing_insight: createMarketingInsightNode(deps),
      ...buildIntentNodes(deps),
    }))
    .addEdge(START, "check_consent")
    .addConditionalEdges("check_consent", afterConsent, { understand: "detect_language", finish_turn: "finish_turn", [END]: "trim_history" })
    .addConditionalEdges("detect_language", afterLanguage, ["understand", "finish_turn"])
    .addConditionalEdges("understand", afterUnderstandWithPreferences, ["remember_preference", "route_intent", "demo_request", "qualify", "human_handoff", "support", "recall"])
    .addConditionalEdges("remember_preference", afterPreference, ["route_intent", "finish_turn"])
    .addConditionalEdges("route_intent", (state) => (usesAgent(state, deps) ? "agent" : routesToMarketing(state) ? "marketing_insight" : byIntent(state)), ["agent", "marketing_insight", ...INTENT_DESTINATIONS])
    .addConditionalEdges("agent", afterAgent, ["finish_turn", ...INTENT_DESTINATIONS])
    .addEdge("qualify", "finish_turn")
    .addEdge("recall", "finish_turn")
    .addEdge("marketing_insight", "finish_turn")
    .addEdge("finish_turn", "trim_history")
    .addEdge("trim_history", END);
  for (const intent of INTENT_DESTINATIONS) graph.addEdge(intent, "finish_turn");
  return graph.compile({ checkpointer: deps.checkpointer, store: deps.store, name: "sales-assistant" });
}

export type SalesGraph = ReturnType<typeof buildSalesGraph>;
