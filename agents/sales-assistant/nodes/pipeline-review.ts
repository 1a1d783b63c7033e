import { compactMoney, formatForecast, money, pct, scopeLabel } from "../../../tools/pipeline/format.js";
import { parsePipelineQuestion, type PipelineQuestion } from "../../../tools/pipeline/question.js";
import type { PipelineReview } from "../../../tools/pipeline/review.js";
import type { PipelineInsight } from "../../../src/core/insight-data.js";
import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";
import { DASHBOARD_ASK } from "./route-intent.js";
import type { DashboardLinkOutput } from "../../../tools/dashboard/tool.js";

const LIST = 5;
const MY_REGION = /\bmy (?:region|territory|patch)\b/i;
const WHOLE_TEAM = /\b(?:whole|entire|all) (?:team|company|org|organi[sz]ation|regions?|pipeline)\b|\b(?:company|org)[- ]wide\b|\boverall\b|\bglobal(?:ly)?\b/i;

function header(r: PipelineReview): string {
  return `${scopeLabel(r.scope)[0]!.toUpperCase()}${scopeLabel(r.scope).slice(1)}, as of ${r.asOf.slice(0, 10)}`;
}

function slippingAnswer(r: PipelineReview): string {
  if (r.slipping.length === 0) return `${header(r)}: no open deal expected to close by the end of ${r.period.label} looks likely to slip.`;
  return [
    `${header(r)}: ${r.slippingCount} deals expected by the end of ${r.period.label} look likely to slip${r.slippingCount > r.slipping.length ? `; the ${r.slipping.length} largest` : ""}:`,
    ...r.slipping.map((d) => `• ${d.name} — ${money(d.amount)}, ${d.owner}: ${d.reasons.join("; ")}.`),
  ].join("\n");
}

function forecastAnswer(r: PipelineReview): string {
  return [
    ...formatForecast(r, 5),
    `Weighted open pipeline ${compactMoney(r.pipeline.weighted)} of ${compactMoney(r.pipeline.total)} (${r.pipeline.count} deals); win rate ${pct(r.velocity.winRate)} over the last ${r.velocity.windowDays} days.`,
  ].join("\n");
}

function atRiskAnswer(r: PipelineReview): string {
  if (r.atRiskCount === 0) return `${header(r)}: no open deal is flagged at risk.`;
  return [
    `${header(r)}: ${r.atRiskCount} open deals at risk; the ${Math.min(LIST, r.atRisk.length)} with the most value at stake:`,
    ...r.atRisk.map((d) => `• ${d.name} — ${d.stage}, ${money(d.amount)}, ${pct(d.probability)} to close, ${d.owner}: ${d.reasons.join("; ")}.`),
  ].join("\n");
}

function overviewAnswer(r: PipelineReview): string {
  const v = r.velocity;
  return [
    `${header(r)}: ${r.pipeline.count} open deals worth ${compactMoney(r.pipeline.total)}, ${compactMoney(r.pipeline.weighted)} weighted by close probability.`,
    `By stage: ${r.stages.map((s) => `${s.stage} ${s.count} (${compactMoney(s.amount)})`).join(", ")}.`,
    `Velocity: win rate ${pct(v.winRate)}, average won deal ${money(v.averageWonSize)}, cycle ${Math.round(v.cycleDays)} days → ${money(v.salesVelocityPerDay)}/day.`,
    formatForecast(r, 0)[0]!,
    r.atRiskCount
      ? `At risk: ${r.atRiskCount} deals, led by ${r.atRisk.slice(0, 3).map((d) => `${d.name} (${d.reasons[0]})`).join("; ")}.`
      : "No deal is flagged at risk.",
  ].join("\n");
}

const ANSWERS: Record<PipelineQuestion["kind"], (r: PipelineReview) => string> = {
  slipping: slippingAnswer,
  forecast: forecastAnswer,
  at_risk: atRiskAnswer,
  overview: overviewAnswer,
};

/** Weighted pipeline, stages, velocity, at-risk and slipping deals, and forecasts. Internal only; the registry enforces it too. */
/** The review as a card for Slack and Teams. */
export function pipelineCard(review: PipelineReview): PipelineInsight {
  return {
    kind: "pipeline",
    period: review.period.label,
    totalAmount: review.pipeline.total,
    weightedAmount: review.pipeline.weighted,
    forecastAmount: review.forecast.total.expected,
    stages: review.stages.map((s) => ({ stage: s.stage, count: s.count, amount: s.amount })),
    atRisk: review.atRisk.slice(0, 5).map((d) => ({ name: `${d.name} (${d.account})`, reason: d.reasons.join("; ") })),
  };
}

export function createPipelineReviewNode(deps: Pick<SalesGraphDeps, "tools">) {
  return async function pipelineReview(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role === "prospect") {
      return reply("I can't share pipeline or forecast information.", "pipeline_review");
    }
    const text = lastUserText(state);
    if (DASHBOARD_ASK.test(text.trim()) && deps.tools.names().includes("dashboard_link")) {
      const link = await deps.tools.call<DashboardLinkOutput>("dashboard_link", {}, { actor: state.actor, channel: state.channel, conversationId: state.conversationId });
      const answer = link.url ? `Here is your dashboard link (valid ${link.expiresInMinutes} minutes, once): ${link.url}` : link.note ?? "The dashboard is not available.";
      return reply(answer, "pipeline_review", { toolResults: [{ tool: "dashboard_link", ok: Boolean(link.url), output: { expiresInMinutes: link.expiresInMinutes } }] });
    }
    const question = parsePipelineQuestion(text);
    // The asker's stored region applies to "my region", "my pipeline" and questions that name no scope.
    const region = WHOLE_TEAM.test(text) ? undefined : state.preferences?.region;
    if (!region && MY_REGION.test(text)) {
      return reply("Which region is yours? Tell me, e.g. “my region is EMEA”, and I'll use it from then on.", "pipeline_review");
    }
    const review = await deps.tools.call<PipelineReview>(
      "pipeline_review",
      { query: text, period: question.period, limit: LIST, ...(region ? { defaultRegion: region } : {}) },
      { actor: state.actor, channel: state.channel, conversationId: state.conversationId },
    );
    return reply(ANSWERS[question.kind](review), "pipeline_review", {
      toolResults: [{ tool: "pipeline_review", ok: true, output: review }],
      replyData: pipelineCard(review),
    });
  };
}
