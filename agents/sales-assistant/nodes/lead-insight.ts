import type { LeadScoringInput, LeadScoringOutput, ScoredLead } from "../../../tools/leads/tool.js";
import { describeFactor } from "../../../tools/leads/factor-text.js";
import type { Factor } from "../../../tools/leads/scorer.js";
import type { LeadsInsight } from "../../../src/core/insight-data.js";
import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

export type LeadQuestion = { kind: "top"; limit: number; mine?: true } | { kind: "lookup"; query: string; why: boolean };
const MINE = /\b(?:my|mine)\b/i;

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const LEAD_ID = /\blead[-_]\d+\b/i;
const WHY = /\bwhy\b|\breason|\bexplain/i;
const NAMED = [
  /\bwhy (?:is|was|are|did) (?:the )?(?:lead )?(.+?)(?:'s)? (?:scored|score|rated|ranked|marked|flagged|so|a|an|hot|warm|cold|high|low|get|at)\b/i,
  /\b(?:score|rating|priority|probability) (?:of|for) (?:the )?(?:lead )?(.+?)[?.!]*$/i,
  /\b(?:explain|about|on) (?:the )?(?:lead|score of|score for) (.+?)[?.!]*$/i,
  /\blead (.+?)(?:'s)? (?:score|rating|priority)\b/i,
  /\bhow (?:hot|warm|likely) is (?:the )?(?:lead )?(.+?)(?: to (?:convert|close|buy|sign)\b.*)?[?.!]*$/i,
];
const NUMBER_WORDS: Record<string, number> = { three: 3, five: 5, ten: 10, twenty: 20, fifteen: 15 };

/** What a rep asks about leads: a ranked list, or one lead (by email, id or name), with or without "why". */
export function parseLeadQuestion(text: string): LeadQuestion {
  const why = WHY.test(text);
  const email = EMAIL.exec(text)?.[0];
  if (email) return { kind: "lookup", query: email, why };
  const id = LEAD_ID.exec(text)?.[0];
  if (id) return { kind: "lookup", query: id, why };
  for (const pattern of NAMED) {
    const name = pattern.exec(text)?.[1]?.trim();
    if (name && !/^(?:my|our|the|top|best|these|those|all|\d+)\b/i.test(name) && name.length <= 80) return { kind: "lookup", query: name, why };
  }
  const n = /\btop (\d{1,2})\b|\b(\d{1,2}) (?:best |hottest |top )?leads\b/i.exec(text);
  const word = /\btop (three|five|ten|fifteen|twenty)\b/i.exec(text)?.[1]?.toLowerCase();
  const limit = n ? Number(n[1] ?? n[2]) : word ? NUMBER_WORDS[word]! : 10;
  return { kind: "top", limit: Math.min(50, Math.max(1, limit)), ...(MINE.test(text) ? { mine: true as const } : {}) };
}

function signed(f: Factor): string {
  return describeFactor(f);
}

function who(l: ScoredLead): string {
  return `${l.name ?? l.id}${l.company ? ` (${l.company})` : ""}`;
}

function money(n: number): string {
  return `$${Math.round(n).toLocaleString("en-US")}`;
}

export function renderRanked(leads: readonly ScoredLead[]): string {
  return leads
    .map((l, i) => {
      const why = l.topFactors.length ? ` Why: ${l.topFactors.map(signed).join("; ")}.` : "";
      const value = l.expectedValue !== undefined ? `, expected value ${money(l.expectedValue)}` : "";
      return `${i + 1}. ${who(l)} — score ${l.leadScore}, ${l.priority}${value}.${why} Next: ${l.nextBestActions[0]}.`;
    })
    .join("\n");
}

export function renderLead(l: ScoredLead, why: boolean): string {
  const outcome = l.converted === null ? `status ${l.status}` : l.converted ? "already converted" : "closed without converting";
  const lines = [
    `${who(l)}${l.email ? `, ${l.email}` : ""} — score ${l.leadScore}/100 (conversion probability ${(l.probability * 100).toFixed(0)}%), ${l.priority}; ${outcome}${l.owner ? `, owner ${l.owner}` : ""}.`,
  ];
  if (l.expectedValue !== undefined) lines.push(`Expected value: ${money(l.expectedValue)}.`);
  if (l.topFactors.length) {
    lines.push(why ? "What drives the score (against the average lead):" : "Top factors:");
    for (const f of l.topFactors) lines.push(`  ${f.effect >= 0 ? "▲" : "▼"} ${signed(f)}`);
  }
  lines.push(`Next best actions: ${l.nextBestActions.join("; ")}.`);
  return lines.join("\n");
}

/** Lead scores, ranked queues and reasons for reps and managers. Internal only; the tool registry enforces it too. */
/** The ranked list as a card for Slack and Teams. */
export function leadsCard(leads: readonly ScoredLead[]): LeadsInsight {
  return {
    kind: "leads",
    leads: leads.map((l) => ({
      name: l.name ?? l.email ?? l.id,
      company: l.company ?? undefined,
      score: l.leadScore,
      priority: l.priority,
      reasons: l.topFactors.slice(0, 3).map(describeFactor),
    })),
  };
}

export function createLeadInsightNode(deps: Pick<SalesGraphDeps, "tools">) {
  return async function leadInsight(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role === "prospect") {
      return reply("I can't share lead scores or other internal records.", "lead_insight");
    }
    const question = parseLeadQuestion(lastUserText(state));
    const input: LeadScoringInput =
      question.kind === "top" ? { mode: "top", limit: question.limit, mine: question.mine } : { mode: "lookup", query: question.query, limit: 3 };
    const result = await deps.tools.call<LeadScoringOutput>("lead_scores", input, {
      actor: state.actor,
      channel: state.channel,
      conversationId: state.conversationId,
    });
    const toolResults = [{ tool: "lead_scores", ok: true, output: result }];
    if (!result.model) return reply(result.note ?? "No lead-scoring model is available yet.", "lead_insight", { toolResults });
    const footer = `(model: ${result.model.type}, hold-out ROC-AUC ${result.model.holdoutAuc.toFixed(2)}, trained ${result.model.trainedAt.slice(0, 10)})`;
    if (question.kind === "top") {
      if (result.leads.length === 0) return reply("There are no open leads to rank.", "lead_insight", { toolResults });
      const whose = result.owner ? (result.owner.role === "manager" ? ` of ${result.owner.name}'s team` : ` of ${result.owner.name}`) : "";
      return reply([`Top ${result.leads.length} open leads${whose} to call:`, renderRanked(result.leads), footer].join("\n"), "lead_insight", {
        toolResults,
        replyData: leadsCard(result.leads),
      });
    }
    if (result.leads.length === 0) {
      return reply(`I couldn't find a lead matching "${question.query}". Try their email address or lead id.`, "lead_insight", { toolResults });
    }
    const [first, ...others] = result.leads;
    const more = others.length ? `\nAlso matching: ${others.map((l) => `${who(l)} — score ${l.leadScore}`).join("; ")}.` : "";
    return reply(`${renderLead(first!, question.why)}${more}\n${footer}`, "lead_insight", { toolResults });
  };
}
