import type { KnowledgeSearchResult } from "../../../tools/knowledge/schema.js";
import { composeAnswer, declineText } from "../answers/compose.js";
import { isConfident, termCoverage } from "../answers/relevance.js";
import { asksPrice, pickSentences, type Passage } from "../answers/sentences.js";
import type { SalesGraphDeps } from "../deps.js";
import { firstMissing, PRICING_ORDER, questionFor } from "../qualification/next-question.js";
import type { SalesStateType, SalesStateUpdate, ToolResult } from "../state.js";
import { lastUserText, reply } from "./reply.js";

export type AnswerIntent = "product_question" | "pricing" | "competitive_intel";

/** Passages the answer may quote from; lower ranks rarely add anything but noise. */
const QUOTED_PASSAGES = 5;

const INSTRUCTION =
  "Reword this answer to a prospect's question so it reads naturally. Use only the facts given; keep every " +
  "citation marker [n] next to the fact it supports; add no fact, price or feature; no more than four sentences.";

/**
 * Grounded answers for product, pricing and competitor questions: retrieve (the search audience follows the
 * verified actor), decline honestly when the best passage does not cover the question, else quote the best
 * sentences with numbered citations and a sources list. Pricing answers end with one qualification question.
 */
export function createAnswerQuestionNode(deps: Pick<SalesGraphDeps, "tools" | "llm">, intent: AnswerIntent) {
  return async function answerQuestion(state: SalesStateType): Promise<SalesStateUpdate> {
    const question = lastUserText(state);
    const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
    // list prices sit under "Price" headings; the words people ask with ("how much", "cost") rarely appear there
    const pricing = asksPrice(question);
    const query = pricing ? `${question} list price` : question;
    const { results } = await deps.tools.call<{ results: KnowledgeSearchResult[] }>("knowledge_search", { query: query.slice(0, 500), k: 5 }, context);
    const toolResults: ToolResult[] = [...(state.toolResults ?? []), { tool: "knowledge_search", ok: true, output: { results } }];
    const passages: Passage[] = results.slice(0, QUOTED_PASSAGES).map((r) => ({ n: r.n, source: r.source, title: r.title, heading: r.heading, text: r.text }));
    const best = Math.max(0, ...passages.map((p) => termCoverage(question, `${p.title} ${p.heading} ${p.text}`)));
    const picked = isConfident(best) ? pickSentences(question, passages, { pricing }) : [];
    if (picked.length === 0) return reply(declineText(), intent, { toolResults });

    const answer = composeAnswer(picked, passages);
    const facts = passages.map((p) => `[${p.n}] ${p.title} — ${p.heading}\n${p.text}`).join("\n\n");
    const body = deps.llm.kind === "local" ? answer.body : await deps.llm.phrase({ instruction: INSTRUCTION, draft: answer.body, facts });
    const next = intent === "pricing" ? firstMissing(state.profile, PRICING_ORDER) : undefined;
    const text = [body, answer.sources, ...(next ? [questionFor(next)] : [])].join("\n\n");
    return reply(text, intent, { toolResults });
  };
}
