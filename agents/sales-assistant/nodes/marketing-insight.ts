import { formatPlaybook, formatTargets } from "../../../tools/abm/format.js";
import type { AccountPlaybook } from "../../../tools/abm/playbook.js";
import type { TargetAccountsOutput } from "../../../tools/abm/tool.js";
import { formatProfile } from "../../../tools/profile/format.js";
import type { CustomerProfileOutput } from "../../../tools/profile/tool.js";
import { isInternal, type Intent } from "../../../src/core/domain.js";
import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

export type MarketingAsk = "profile" | "targets" | "playbook";

const TARGETS = /\b(target|abm)\s+(accounts?|list)\b|\baccounts?\s+to\s+target\b|\bwhich accounts should we target\b/i;
const PLAYBOOK = /\b(abm\s+)?(play\s?book|account plan)\s+(for|on)\b|\bplay\s?book\b.*\baccount\b/i;
// "profile of each segment" stays with segment_insight: only a whole-customer view is asked for here
const PROFILE = /\b(tell me everything|everything (we|you) know|(full|customer|unified|360)\s+(profile|view))\b/i;

/** Which marketing question a rep or manager asks, if any: checked before the intent's own node. */
export function marketingAsk(text: string): MarketingAsk | undefined {
  if (PLAYBOOK.test(text)) return "playbook";
  if (TARGETS.test(text)) return "targets";
  if (PROFILE.test(text)) return "profile";
  return undefined;
}

/** Routes internal users' marketing questions to marketing_insight, everything else to the routed intent. */
export function routesToMarketing(state: Pick<SalesStateType, "actor" | "messages">): boolean {
  return isInternal(state.actor) && marketingAsk(lastUserText(state)) !== undefined;
}

const INTENT_OF: Record<MarketingAsk, Intent> = { profile: "deal_insight", targets: "segment_insight", playbook: "segment_insight" };

/** Unified profile, ABM target accounts and account playbooks for reps and managers (tools customer_profile, target_accounts, account_playbook). */
export function createMarketingInsightNode(deps: Pick<SalesGraphDeps, "tools">) {
  return async function marketingInsight(state: SalesStateType): Promise<SalesStateUpdate> {
    const text = lastUserText(state);
    const ask = marketingAsk(text) ?? "profile";
    const intent = INTENT_OF[ask];
    if (!isInternal(state.actor)) return reply("I can't share information about our customers.", intent);
    const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
    if (ask === "targets") {
      const out = await deps.tools.call<TargetAccountsOutput>("target_accounts", { query: text }, context);
      return reply(formatTargets(out), intent, { toolResults: [{ tool: "target_accounts", ok: true, output: out }] });
    }
    if (ask === "playbook") {
      const out = await deps.tools.call<{ found: true; playbook: AccountPlaybook } | { found: false; reason: string }>("account_playbook", { account: text }, context);
      const toolResults = [{ tool: "account_playbook", ok: out.found, output: out }];
      return reply(out.found ? formatPlaybook(out.playbook) : `I couldn't find that account: ${out.reason}.`, intent, { toolResults });
    }
    const out = await deps.tools.call<CustomerProfileOutput>("customer_profile", { query: text }, context);
    const toolResults = [{ tool: "customer_profile", ok: out.found, output: out }];
    return reply(out.found ? formatProfile(out.profile) : "I couldn't match an account or contact in your message.", intent, { toolResults });
  };
}
