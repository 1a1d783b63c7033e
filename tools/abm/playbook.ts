import type { AccountRecord, ContactRecord, Touch } from "../../src/core/marketing.js";
import type { JourneyModel } from "../journey/nba.js";

export type StakeholderRole = "economic buyer" | "champion" | "technical evaluator" | "user";

export interface Stakeholder {
  contactId: string;
  name: string;
  title: string | null;
  role: StakeholderRole;
  touches: number;
  lastTouch: string | null;
  engagement: "engaged" | "aware" | "cold";
  consent: "ok" | "withdrawn";
}

export interface PlaybookStep {
  week: number;
  channel: string;
  audience: string;
  action: string;
  successMetric: string;
}

export interface AccountPlaybook {
  account: string;
  accountId: string;
  sector: string;
  stakeholders: Stakeholder[];
  gaps: string[];
  valueProps: { title: string; source: string; excerpt: string }[];
  sequence: PlaybookStep[];
  successMetrics: string[];
}

const TECH = /(data|bi\b|analytics|engineer|it\b|information|technology|developer|architect|cto|cio)/i;

export function roleOf(c: Pick<ContactRecord, "title" | "seniority">): StakeholderRole {
  const title = c.title ?? "";
  if (c.seniority === "c_level" || c.seniority === "vp") return TECH.test(title) && c.seniority === "vp" ? "technical evaluator" : "economic buyer";
  if (TECH.test(title)) return "technical evaluator";
  if (c.seniority === "director" || c.seniority === "manager") return "champion";
  return "user";
}

/**
 * An account plan: who is who (from contacts, titles and touches), value propositions found in the knowledge
 * base, and an eight-week sequence over channels in the order the CRM's history says works best, each step
 * with its success metric.
 */
export function buildPlaybook(input: {
  account: AccountRecord;
  contacts: readonly ContactRecord[];
  touches: readonly Touch[];
  withdrawn: ReadonlySet<string>;
  valueProps: AccountPlaybook["valueProps"];
  model: JourneyModel;
  now: Date;
}): AccountPlaybook {
  const { account, now } = input;
  const stakeholders = input.contacts.map((c): Stakeholder => {
    const mine = input.touches.filter((t) => t.contactId === c.id);
    const last = mine[0]?.at;
    const days = last ? (now.getTime() - last.getTime()) / 86_400_000 : Infinity;
    return {
      contactId: c.id,
      name: c.name,
      title: c.title,
      role: roleOf(c),
      touches: mine.length,
      lastTouch: last?.toISOString().slice(0, 10) ?? null,
      engagement: days <= 30 ? "engaged" : days <= 120 ? "aware" : "cold",
      consent: input.withdrawn.has(c.id) ? "withdrawn" : "ok",
    };
  });
  // without a manager or director to champion the deal, the most engaged reachable non-buyer is the candidate
  if (!stakeholders.some((s) => s.role === "champion" && s.consent === "ok")) {
    const candidate = stakeholders.filter((s) => s.role !== "economic buyer" && s.consent === "ok").sort((a, b) => b.touches - a.touches)[0];
    if (candidate) candidate.role = "champion";
  }
  const byRole = (r: StakeholderRole) => stakeholders.filter((s) => s.role === r && s.consent === "ok").sort((a, b) => b.touches - a.touches);
  const guide = byRole("champion")[0]?.name;
  const gaps = (["economic buyer", "champion", "technical evaluator"] as StakeholderRole[])
    .filter((r) => byRole(r).length === 0)
    .map((r) => `no reachable ${r} on file: ${guide && r !== "champion" ? `ask ${guide} who it is` : "research the account's org chart"}`);
  const name = (r: StakeholderRole, fallback: string) => byRole(r)[0]?.name ?? fallback;
  const lift = (touch: string) => input.model.effects.find((e) => e.touch === touch)?.lift ?? 0;
  const window = (channel: string) => input.model.windows.filter((w) => w.channel === channel && w.attempts >= 30).sort((a, b) => b.responseRate - a.responseRate)[0]?.window;
  const when = (channel: string) => (window(channel) ? ` (${window(channel)})` : "");
  const prop = input.valueProps[0]?.title ?? `${account.sector} outcomes`;
  const sequence: PlaybookStep[] = [
    { week: 1, channel: "email", audience: name("champion", "the most engaged contact"), action: `personal email on "${prop}"${when("email")}`, successMetric: "reply within 5 business days" },
    { week: 1, channel: "slack/teams alert", audience: account.ownerName ?? "account owner", action: "rep alert with this plan and the stakeholder gaps", successMetric: "owner accepts the plan" },
    { week: 2, channel: "call", audience: name("economic buyer", "the economic buyer"), action: `discovery call on business priorities${when("call")}`, successMetric: "meeting booked with the economic buyer" },
    { week: 3, channel: "webinar", audience: "users and champion", action: `invite to the next ${account.sector} webinar`, successMetric: "≥ 2 attendees from the account" },
    { week: 4, channel: "demo", audience: `${name("technical evaluator", "the technical evaluator")} and ${name("champion", "the champion")}`, action: "tailored demo on their data questions", successMetric: "opportunity created or advanced to qualification" },
    { week: 6, channel: "meeting", audience: "buying group", action: `value review with ${input.valueProps[1]?.title ?? "a customer story"}`, successMetric: "≥ 3 stakeholders engaged in 30 days" },
    { week: 8, channel: "email", audience: name("economic buyer", "the economic buyer"), action: "proposal with ROI case", successMetric: "proposal stage reached" },
  ];
  // the history's strongest touches go first when they differ from the default order
  sequence.sort((a, b) => a.week - b.week || lift(b.channel) - lift(a.channel));
  return {
    account: account.name,
    accountId: account.id,
    sector: account.sector,
    stakeholders,
    gaps,
    valueProps: input.valueProps,
    sequence,
    successMetrics: [
      "stakeholders engaged (touch in 30 days): target ≥ 3",
      "meetings booked with the buying group: target ≥ 2 in 8 weeks",
      "opportunity created or stage advanced within 8 weeks",
      `account intent score rising week over week (target_accounts)`,
    ],
  };
}
