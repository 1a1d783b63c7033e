import type { DealSummary } from "../../../tools/crm/deals.js";
import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

const STALL_DAYS = 21;

function money(n: number): string {
  return `$${Math.round(n).toLocaleString("en-US")}`;
}

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
  ].join("\n");
}

/** Deal status from the CRM for the account a rep names. Internal only; the tool registry enforces it too. */
export function createDealInsightNode(deps: Pick<SalesGraphDeps, "tools">) {
  return async function dealInsight(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role === "prospect") {
      return reply("I can't share information about other customers or internal records.", "deal_insight");
    }
    const result = await deps.tools.call<{ accounts: string[]; deals: DealSummary[] }>(
      "crm_find_deals",
      { query: lastUserText(state), includeClosed: false, limit: 5 },
      { actor: state.actor, channel: state.channel, conversationId: state.conversationId },
    );
    const toolResults = [{ tool: "crm_find_deals", ok: true, output: result }];
    if (result.accounts.length === 0) {
      return reply("Which account or deal do you mean? I couldn't match a CRM account name in your message.", "deal_insight", {
        toolResults,
      });
    }
    if (result.deals.length === 0) {
      return reply(`${result.accounts.join(", ")} has no open deals in the CRM.`, "deal_insight", { toolResults });
    }
    const text = [`Open deals for ${result.accounts.join(", ")}:`, ...result.deals.map(renderDeal)].join("\n");
    return reply(text, "deal_insight", { toolResults });
  };
}
