import { matchNames } from "../../../tools/crm/name-match.js";
import { formatAccountView, formatAtRisk, formatProfile } from "../../../tools/segments/format.js";
import type { SegmentInsightOutput } from "../../../tools/segments/tool.js";
import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

/** Segment profiles, an account's segment and its migration risk. Internal only; the registry enforces it too. */
export function createSegmentInsightNode(deps: Pick<SalesGraphDeps, "tools">) {
  return async function segmentInsight(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role === "prospect") {
      return reply("I can't share information about our customers or how we segment them.", "segment_insight");
    }
    const text = lastUserText(state);
    const result = await deps.tools.call<SegmentInsightOutput>(
      "segment_insight",
      { query: text },
      { actor: state.actor, channel: state.channel, conversationId: state.conversationId },
    );
    const toolResults = [{ tool: "segment_insight", ok: true, output: result }];
    if (result.kind === "account") {
      if (result.accounts.length === 0) return reply("I couldn't match an account name in your message.", "segment_insight", { toolResults });
      return reply(result.accounts.map(formatAccountView).join("\n\n"), "segment_insight", { toolResults });
    }
    if (result.kind === "at_risk") {
      if (result.accounts.length === 0) return reply("No account looks likely to move to a lower-value segment next period.", "segment_insight", { toolResults });
      return reply(formatAtRisk(result.accounts, result.asOf), "segment_insight", { toolResults });
    }
    const o = result.overview;
    if (!o) return reply("There are no segments yet: the CRM has no accounts to cluster.", "segment_insight", { toolResults });
    const named = matchNames(text, o.profiles.map((p) => p.label))[0];
    const profile = named && o.profiles.find((p) => p.label === named.name);
    if (profile) return reply(formatProfile(profile, true), "segment_insight", { toolResults });
    const lines = [
      `${o.k} account segments (as of ${o.asOf.slice(0, 10)}, mean silhouette ${o.silhouette.toFixed(2)}):`,
      ...o.profiles.map((p) => formatProfile(p, false)),
      "Ask \"which segment is <account> in?\" for an account's segment and migration risk.",
    ];
    return reply(lines.join("\n"), "segment_insight", { toolResults });
  };
}
