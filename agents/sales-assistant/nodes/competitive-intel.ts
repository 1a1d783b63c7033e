import { matchNames } from "../../../tools/crm/name-match.js";
import type { BattlecardOutput, IntelDigestOutput } from "../../../tools/intel/tool.js";
import type { ToolContext } from "../../../tools/registry.js";
import { answerFromKnowledge, type KnowledgeAnswerDeps } from "../answers/answer-from-knowledge.js";
import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

const CARD_WORDS = /\b(battle ?cards?|against|compete|competing|beat(?:ing)?|vs\.?|versus|landmines?|objections?|position(?:ing)? against|win against)\b/i;
const NEWS_WORDS = /\b(news|digest|updates?|changed?|changes|lately|recent(?:ly)?|latest|new|intel|this (?:week|month)|today|what'?s up with|been up to)\b/i;

/** "this week" → 7d, "today" → 1d, "this month" → 30d, "last 3 days" → 3d; a week by default. */
export function sinceFromText(text: string): string {
  const explicit = /\b(?:last|past)\s+(\d{1,3})\s+(day|week|hour)s?\b/i.exec(text);
  if (explicit) return `${explicit[1]}${explicit[2]![0]!.toLowerCase()}`;
  if (/\b(today|24 hours)\b/i.test(text)) return "1d";
  if (/\b(this|last|past) month\b|\bmonthly\b/i.test(text)) return "30d";
  if (/\bquarter\b/i.test(text)) return "90d";
  return "7d";
}

/**
 * competitive_intel, scoped by who asks. Reps and managers get the internal view through the internal tools:
 * the digest of recent changes ("competitor news this week"), or the full battlecard when a competitor is named
 * ("give me a battlecard against Qlik"). Prospects get public positioning only — a grounded answer from the
 * public knowledge base — and this node never calls an internal tool for them (the registry would refuse anyway).
 */
export function createCompetitiveIntelNode(deps: Pick<SalesGraphDeps, "tools" | "llm" | "company">) {
  const knowledge: KnowledgeAnswerDeps = deps;
  return async function competitiveIntel(state: SalesStateType): Promise<SalesStateUpdate> {
    const text = lastUserText(state);
    const question = { actor: state.actor, channel: state.channel, conversationId: state.conversationId, profile: state.profile };
    if (state.actor.role === "prospect") {
      // the question itself, then the public comparison page's own wording, until one is answered from the KB
      const short = deps.company.name.split(/\s+/)[0]!;
      const toolResults = [...(state.toolResults ?? [])];
      let answer;
      for (const q of [text, `How does ${short} compare with the alternatives?`, `Where is ${short} different from other analytics products?`]) {
        answer = await answerFromKnowledge(knowledge, { ...question, question: q });
        toolResults.push(...answer.toolResults);
        if (answer.confident) break;
      }
      return reply(answer!.text, "competitive_intel", { toolResults });
    }

    const context: ToolContext = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
    const listed = await deps.tools.call<BattlecardOutput>("battlecard", {}, context);
    const known = listed.kind === "list" ? listed.competitors : [];
    const named = matchNames(text, known)[0]?.name;
    const wantsNews = NEWS_WORDS.test(text);
    if (named && (CARD_WORDS.test(text) || !wantsNews)) {
      const card = await deps.tools.call<BattlecardOutput>("battlecard", { competitor: named }, context);
      return reply(card.text, "competitive_intel", { toolResults: [{ tool: "battlecard", ok: true, output: card }] });
    }
    if (!named && CARD_WORDS.test(text) && !wantsNews) {
      return reply(`Which competitor? ${listed.text}`, "competitive_intel", { toolResults: [{ tool: "battlecard", ok: true, output: listed }] });
    }
    const digest = await deps.tools.call<IntelDigestOutput>("intel_digest", { since: sinceFromText(text), competitor: named }, context);
    return reply(digest.text, "competitive_intel", { toolResults: [{ tool: "intel_digest", ok: true, output: { ...digest, text: undefined } }] });
  };
}
