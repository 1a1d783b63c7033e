import type { DealSummary } from "../../../tools/crm/deals.js";
import { formatDriver } from "../../../tools/pipeline/explain.js";
import type { DealPrediction } from "../../../tools/pipeline/predict.js";
import type { DealPredictions } from "../../../tools/pipeline/service.js";
import type { DealInsight } from "../../../src/core/insight-data.js";
import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate, ToolResult } from "../state.js";
import { lastUserText, reply } from "./reply.js";

const STALL_DAYS = 21;
export const PREDICTIONS_TOOL = "pipeline_deal_predictions";
const MY_ACCOUNTS = /\bmy (?:accounts?|book(?: of business)?|deals|customers|clients)\b/i;

function money(n: number): string {
  return `$${Math.round(n).toLocaleString("en-US")}`;
}

/** A deal as the CRM records it, with simple activity and stage-age checks (used when no model is available). */
export function renderDeal(d: DealSummary): string {
  const risks: string[] = [];
  if (d.daysSinceActivity !== null && d.daysSinceActivity > STALL_DAYS) risks.push(`no activity for ${d.daysSinceActivity} days`);
  if (d.daysSinceActivity === null) risks.push("no logged activity");
  if (d.daysInStage > 45) risks.push(`${d.daysInStage} days in ${d.stage}`);
  return [
    `• ${d.name} (${d.account}) — ${d.stage}, ${money(d.amount)}, ${d.product}, owner ${d.owner}.`,
    `  ${d.daysInStage} days in stage; opened ${d.ageDays} days ago${d.expectedCloseDate ? `; expected close ${d.expectedCloseDate}` : ""}.`,
    d.nextStep ? `  Next step: ${d.nextStep}.` : "  No next step recorded — set one.",
    risks.length ? `  Risks: ${risks.join("; ")}.` : "  No activity or stage-age risks.",
    ...warningLines(d),
  ].join("\n");
}

/** Activity warnings beside the probability, each with its evidence. */
function warningLines(d: DealSummary): string[] {
  return d.warnings?.length ? [`  Warnings: ${d.warnings.map((w) => `${w.kind.replaceAll("_", " ")} — ${w.evidence}`).join("; ")}.`] : [];
}

/** The CRM record plus what the close-probability model says: probability, dates, drivers, risks, next actions. */
export function renderPredictedDeal(d: DealSummary, p: DealPrediction): string {
  return [
    `• ${d.name} (${d.account}) — ${d.stage}, ${money(d.amount)}, ${d.product}, owner ${d.owner}.`,
    `  Close probability ${Math.round(p.probability * 100)}%; predicted close ${p.predictedCloseDate}${d.expectedCloseDate ? ` (CRM expects ${d.expectedCloseDate})` : ""}; predicted size ${money(p.predictedSize)}.`,
    ...warningLines(d),
    `  ${p.daysInStage} days in stage; opened ${p.ageDays} days ago; ${p.daysSinceActivity === null ? "no logged activity" : `last activity ${p.daysSinceActivity} days ago`}.`,
    d.nextStep ? `  Next step on record: ${d.nextStep}.` : "  No next step recorded.",
    p.drivers.length ? `  What drives the probability: ${p.drivers.map(formatDriver).join(", ")}.` : "  No factor stands out from an average deal.",
    p.risks.length ? `  Risks: ${p.risks.map((r) => r.reason).join("; ")}.` : "  No risks flagged.",
    `  Next best actions: ${p.nextBestActions.join("; ")}.`,
  ].join("\n");
}

/** Deal status for the account a rep names, with the model's view when the pipeline tools are registered. */
export function createDealInsightNode(deps: Pick<SalesGraphDeps, "tools">) {
  return async function dealInsight(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role === "prospect") {
      return reply("I can't share information about other customers or internal records.", "deal_insight");
    }
    const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
    const asked = lastUserText(state);
    const find = (query: string) =>
      deps.tools.call<{ accounts: string[]; deals: DealSummary[] }>("crm_find_deals", { query, includeClosed: false, limit: 5 }, context);
    let result = await find(asked);
    const toolResults: ToolResult[] = [{ tool: "crm_find_deals", ok: true, output: result }];
    // "How are my accounts doing?": the accounts the rep said they own (remember_preference).
    const owned = state.preferences?.accounts ?? [];
    if (result.accounts.length === 0 && MY_ACCOUNTS.test(asked)) {
      if (owned.length === 0) {
        return reply("I don't know which accounts are yours yet — tell me, e.g. “I own the Globex account”, and I'll remember.", "deal_insight", { toolResults });
      }
      result = await find(owned.slice(0, 3).join(", "));
      toolResults.push({ tool: "crm_find_deals", ok: true, output: result });
    }
    if (result.accounts.length === 0) {
      return reply("Which account or deal do you mean? I couldn't match a CRM account name in your message.", "deal_insight", {
        toolResults,
      });
    }
    if (result.deals.length === 0) {
      return reply(`${result.accounts.join(", ")} has no open deals in the CRM.`, "deal_insight", { toolResults });
    }
    const predictions = new Map<string, DealPrediction>();
    if (deps.tools.audienceOf(PREDICTIONS_TOOL)) {
      try {
        const out = await deps.tools.call<DealPredictions>(PREDICTIONS_TOOL, { dealIds: result.deals.map((d) => d.id), limit: result.deals.length }, context);
        for (const p of out.deals) predictions.set(p.id, p);
        toolResults.push({ tool: PREDICTIONS_TOOL, ok: true, output: out });
      } catch (error) {
        // without a model (too few closed deals) the CRM facts still answer the question
        toolResults.push({ tool: PREDICTIONS_TOOL, ok: false, output: (error as Error).message });
      }
    }
    const rendered = result.deals.map((d) => {
      const p = predictions.get(d.id);
      return p ? renderPredictedDeal(d, p) : renderDeal(d);
    });
    const text = [`Open deals for ${result.accounts.join(", ")}:`, ...rendered].join("\n");
    const card: DealInsight = {
      kind: "deal",
      deals: result.deals.map((d) => {
        const p = predictions.get(d.id);
        return {
          name: d.name,
          account: d.account,
          stage: d.stage,
          amount: d.amount,
          owner: d.owner,
          closeProbability: p?.probability,
          expectedCloseDate: p?.predictedCloseDate ?? d.expectedCloseDate,
          risks: [...(p ? p.risks.map((r) => r.reason) : []), ...(d.warnings ?? []).map((w) => `${w.kind.replaceAll("_", " ")}: ${w.evidence}`)],
          nextSteps: p ? [...p.nextBestActions] : d.nextStep ? [d.nextStep] : [],
        };
      }),
    };
    return reply(text, "deal_insight", { toolResults, replyData: card });
  };
}
