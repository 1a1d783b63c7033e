import type { AccountRecord, ContactRecord, DealRecord, MarketingCrm, Touch } from "../../src/core/marketing.js";
import { matchNames } from "../crm/name-match.js";
import type { AccountValue } from "../clv/accounts.js";
import { nextBestAction, type NextBestAction } from "../journey/nba.js";
import type { InsightsCache } from "./insights.js";

/** An account's segment as the profile shows it (from tools/segments, injected). */
export interface SegmentView {
  label: string;
  migrationProbability: number;
  likelyDestination: string;
  reasons: string[];
}

export type LifecycleStage = "prospect" | "engaged prospect" | "opportunity" | "customer" | "customer at risk" | "former customer" | "lost prospect";

export interface CustomerProfile {
  kind: "account" | "contact";
  account: AccountRecord;
  contact?: ContactRecord;
  stakeholders: { name: string; title: string | null; seniority: string | null; touches: number }[];
  interactions: { total: number; byChannel: Record<string, number>; lastAt: string | null; recent: { at: string; channel: string; subject: string; outcome: string | null }[] };
  deals: { open: number; won: number; lost: number; wonValue: number; openValue: number; list: { name: string; stage: string; amount: number; product: string }[] };
  segment: SegmentView | null;
  lifecycle: LifecycleStage;
  predictedValue: (Omit<AccountValue, "accountId"> & { note: string }) | { note: string };
  churnRisk: { level: "low" | "medium" | "high"; score: number; reasons: string[] };
  nextBestActions: NextBestAction[];
}

export interface ProfileDeps {
  crm: MarketingCrm;
  insights: InsightsCache;
  now: () => Date;
  segmentOf?: (accountName: string) => Promise<SegmentView | undefined>;
}

const DAY = 86_400_000;

/** The account named in free text: the best full-name match ("Pioneer Capital" before "Pioneer Capital Europe"). */
export async function resolveAccount(crm: MarketingCrm, text: string): Promise<AccountRecord | undefined> {
  const accounts = await crm.listAccounts();
  const best = matchNames(text, accounts.map((a) => a.name))[0];
  return best && accounts.find((a) => a.name === best.name);
}

export function lifecycleOf(deals: readonly DealRecord[], touches: readonly Touch[], pAlive: number | undefined, now: Date): LifecycleStage {
  const won = deals.filter((d) => d.stage === "won");
  const open = deals.filter((d) => !["won", "lost"].includes(d.stage));
  const lastTouch = touches[0]?.at;
  const recent = lastTouch && now.getTime() - lastTouch.getTime() < 90 * DAY;
  if (won.length) {
    if (pAlive !== undefined && pAlive < 0.3 && !open.length) return "former customer";
    if ((pAlive !== undefined && pAlive < 0.6) || !recent) return "customer at risk";
    return "customer";
  }
  if (open.length) return "opportunity";
  if (deals.length) return "lost prospect";
  return recent ? "engaged prospect" : "prospect";
}

export async function buildProfile(deps: ProfileDeps, target: { account: AccountRecord; contact?: ContactRecord }): Promise<CustomerProfile> {
  const { crm } = deps;
  const now = deps.now();
  const { account, contact } = target;
  const [contacts, deals, touches, insights, segment] = await Promise.all([
    crm.contactsOf(account.id),
    crm.dealsOf(account.id),
    crm.touchesOf(contact ? { contactId: contact.id } : { accountId: account.id }),
    deps.insights.get(),
    deps.segmentOf ? deps.segmentOf(account.name).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  const value = insights.values?.get(account.id);
  const byChannel: Record<string, number> = {};
  for (const t of touches) byChannel[t.channel] = (byChannel[t.channel] ?? 0) + 1;
  const touchCount = new Map<string, number>();
  const accountTouches = contact ? await crm.touchesOf({ accountId: account.id }) : touches;
  for (const t of accountTouches) if (t.contactId) touchCount.set(t.contactId, (touchCount.get(t.contactId) ?? 0) + 1);
  const open = deals.filter((d) => !["won", "lost"].includes(d.stage));
  const won = deals.filter((d) => d.stage === "won");

  const reasons: string[] = [];
  let score = 0;
  if (value) {
    score = Math.max(score, 1 - value.pAlive);
    reasons.push(`P(still buying) ${(value.pAlive * 100).toFixed(0)}% from ${value.wonDeals} won deals (BG/NBD over accounts)`);
  }
  if (segment) {
    score = Math.max(score, segment.migrationProbability * (segment.likelyDestination ? 1 : 0));
    reasons.push(`${(segment.migrationProbability * 100).toFixed(0)}% chance to move from ${segment.label} to ${segment.likelyDestination} next period`);
  }
  const lastAt = touches[0]?.at;
  const silentDays = lastAt ? Math.floor((now.getTime() - lastAt.getTime()) / DAY) : undefined;
  if (silentDays !== undefined && silentDays > 60) {
    score = Math.max(score, Math.min(0.9, silentDays / 180));
    reasons.push(`no touch for ${silentDays} days`);
  }
  if (!won.length) reasons.push("not a customer yet: churn risk applies to buyers");

  const people = contact ? [contact] : contacts.slice().sort((a, b) => (touchCount.get(b.id) ?? 0) - (touchCount.get(a.id) ?? 0)).slice(0, 2);
  const nextBestActions = await Promise.all(
    people.map(async (c) =>
      nextBestAction({
        contact: c,
        sector: account.sector,
        openDeal: open[0],
        touches: contact ? touches : accountTouches.filter((t) => t.contactId === c.id),
        consentWithdrawn: await crm.consentWithdrawn(c.id),
        model: insights.model,
        now,
      }),
    ),
  );

  return {
    kind: contact ? "contact" : "account",
    account,
    ...(contact ? { contact } : {}),
    stakeholders: contacts.slice(0, 8).map((c) => ({ name: c.name, title: c.title, seniority: c.seniority, touches: touchCount.get(c.id) ?? 0 })),
    interactions: {
      total: touches.length,
      byChannel,
      lastAt: lastAt?.toISOString() ?? null,
      recent: touches.slice(0, 5).map((t) => ({ at: t.at.toISOString(), channel: t.channel, subject: t.subject, outcome: t.outcome })),
    },
    deals: {
      open: open.length,
      won: won.length,
      lost: deals.filter((d) => d.stage === "lost").length,
      wonValue: won.reduce((s, d) => s + (d.closeValue ?? d.amount), 0),
      openValue: open.reduce((s, d) => s + d.amount, 0),
      list: deals.slice(0, 5).map((d) => ({ name: d.name, stage: d.stage, amount: d.amount, product: d.product })),
    },
    segment: segment ?? null,
    lifecycle: lifecycleOf(deals, touches, value?.pAlive, now),
    predictedValue: value
      ? { wonDeals: value.wonDeals, expectedDeals: value.expectedDeals, pAlive: value.pAlive, expectedValue: value.expectedValue, horizonWeeks: value.horizonWeeks, note: `won deals expected in the next ${value.horizonWeeks} weeks and their value (BG/NBD + Gamma-Gamma over accounts)` }
      : { note: won.length ? "too little purchase history across accounts to fit a value model" : "no won deal yet: no purchase history to predict from" },
    churnRisk: { level: score >= 0.6 ? "high" : score >= 0.3 ? "medium" : "low", score: Math.round(score * 100) / 100, reasons },
    nextBestActions,
  };
}

/** Resolves the target from ids or the query (a contact's name or email first, then an account name). */
export async function profileFor(deps: ProfileDeps, input: { query?: string; accountId?: string; contactId?: string }): Promise<CustomerProfile | undefined> {
  const { crm } = deps;
  if (input.contactId) {
    const contact = await crm.contact(input.contactId);
    const account = contact?.accountId ? await crm.account(contact.accountId) : undefined;
    return contact && account ? buildProfile(deps, { account, contact }) : undefined;
  }
  if (input.accountId) {
    const account = await crm.account(input.accountId);
    return account ? buildProfile(deps, { account }) : undefined;
  }
  const text = input.query ?? "";
  const account = await resolveAccount(crm, text);
  if (account) return buildProfile(deps, { account });
  const [contact] = await crm.searchContacts(text);
  const owner = contact?.accountId ? await crm.account(contact.accountId) : undefined;
  return contact && owner ? buildProfile(deps, { account: owner, contact }) : undefined;
}
