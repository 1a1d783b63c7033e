/**
 * Deal warnings from CRM activity, each with its evidence (as conversation-intelligence tools show them):
 * ghosted, no decision maker engaged, single-threaded, and quiet since the expected close date. Computed from
 * who was met and when, never from the text of notes.
 */

export interface DealActivity {
  occurredAt: number;
  direction: "inbound" | "outbound" | null;
  contact: { name: string; title: string | null; seniority: string | null } | null;
}

export type DealWarningKind = "ghosted" | "no_decision_maker" | "single_threaded" | "past_close_date";

export interface DealWarning {
  kind: DealWarningKind;
  evidence: string;
}

export interface WarningOptions {
  /** Outbound touches with no reply for this many days: ghosted. */
  ghostedDays: number;
  /** Contacts counted for threading over this window. */
  threadWindowDays: number;
  /** Fewer activities than this say too little to warn about threading or decision makers. */
  minActivities: number;
}

export const DEFAULT_WARNING_OPTIONS: WarningOptions = { ghostedDays: 14, threadWindowDays: 90, minActivities: 3 };

const DAY = 86_400_000;
const DECISION_SENIORITY = new Set(["c_level", "vp", "director", "owner", "executive"]);
const DECISION_TITLE = /\b(chief|ceo|cfo|cto|cio|coo|cro|vp|vice president|head of|director|owner|founder|president|partner)\b/i;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function isDecisionMaker(contact: { title: string | null; seniority: string | null }): boolean {
  return (contact.seniority !== null && DECISION_SENIORITY.has(contact.seniority)) || (contact.title !== null && DECISION_TITLE.test(contact.title));
}

export function dealWarnings(
  deal: { expectedCloseDate: string | null },
  activities: readonly DealActivity[],
  asOf: number,
  o: WarningOptions = DEFAULT_WARNING_OPTIONS,
): DealWarning[] {
  const warnings: DealWarning[] = [];
  const past = activities.filter((a) => a.occurredAt <= asOf).sort((a, b) => a.occurredAt - b.occurredAt);
  const lastInbound = [...past].reverse().find((a) => a.direction === "inbound");
  const outboundSince = past.filter((a) => a.direction === "outbound" && (!lastInbound || a.occurredAt > lastInbound.occurredAt));
  if (outboundSince.length >= 2 && asOf - outboundSince[0]!.occurredAt >= o.ghostedDays * DAY) {
    const silent = Math.floor((asOf - (lastInbound?.occurredAt ?? outboundSince[0]!.occurredAt)) / DAY);
    warnings.push({
      kind: "ghosted",
      evidence: `${outboundSince.length} outreach since the last reply${lastInbound ? ` on ${isoDay(lastInbound.occurredAt)}` : " (no reply logged)"}; silent ${silent} days`,
    });
  }
  const recent = past.filter((a) => a.occurredAt >= asOf - o.threadWindowDays * DAY);
  const people = new Map<string, NonNullable<DealActivity["contact"]>>();
  for (const a of recent) if (a.contact) people.set(a.contact.name, a.contact);
  if (recent.length >= o.minActivities && people.size > 0) {
    const deciders = [...people.values()].filter(isDecisionMaker);
    if (deciders.length === 0) {
      const met = [...people.values()].slice(0, 3).map((c) => `${c.name}${c.title ? ` (${c.title})` : ""}`).join(", ");
      warnings.push({ kind: "no_decision_maker", evidence: `no director, VP or executive among the contacts met in ${o.threadWindowDays} days: ${met}` });
    }
    if (people.size === 1) {
      const [only] = people.values();
      warnings.push({ kind: "single_threaded", evidence: `all ${recent.length} activities in ${o.threadWindowDays} days were with ${only!.name}` });
    }
  }
  if (deal.expectedCloseDate) {
    const expected = Date.parse(`${deal.expectedCloseDate}T23:59:59Z`);
    if (expected < asOf) {
      warnings.push({ kind: "past_close_date", evidence: `expected close ${deal.expectedCloseDate} passed ${Math.floor((asOf - expected) / DAY)} days ago and the deal is still open` });
    }
  }
  return warnings;
}
