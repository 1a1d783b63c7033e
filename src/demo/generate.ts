import { PRODUCTS } from "./catalog.js";
import { generateAccounts } from "./generate-accounts.js";
import { accountActivities, dealActivities, finalizeActivities, leadActivities } from "./generate-activities.js";
import { generateContacts } from "./generate-contacts.js";
import { generateDeals, type DealPlan } from "./generate-deals.js";
import { generateLeads, type LeadProfile } from "./generate-leads.js";
import { generateTeam } from "./generate-team.js";
import { createPrng } from "./prng.js";
import { days, DEFAULT_NOW, iso } from "./time.js";
import type { DealStageHistoryRow, DemoData } from "./types.js";

export interface DemoOptions {
  seed?: number;
  /** Anchors every date; defaults to DEFAULT_NOW so the data never depends on the clock. */
  now?: Date;
  /** Multiplies the number of accounts, contacts, leads and deals (the team stays the same size). */
  scale?: number;
}

export const DEFAULT_SEED = 20_261_101;

const BASE_COUNTS = { accounts: 90, contacts: 340, leads: 2400, deals: 1700 };
/** Beyond this the word lists repeat too often for the names to look real. */
export const MAX_SCALE = 20;
/** Deals engage over the last ~25 months. */
const DEAL_WINDOW_DAYS = 760;

/** The generator with its hidden variables, for tests that check the data follows them. */
export interface DemoDataWithLatents {
  data: DemoData;
  leads: LeadProfile[];
  deals: DealPlan[];
}

export function generateDemoData(options: DemoOptions = {}): DemoData {
  return generateDemoDataWithLatents(options).data;
}

export function generateDemoDataWithLatents(options: DemoOptions = {}): DemoDataWithLatents {
  const seed = options.seed ?? DEFAULT_SEED;
  const nowMs = (options.now ?? DEFAULT_NOW).getTime();
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= MAX_SCALE)) throw new RangeError(`scale must be in (0, ${MAX_SCALE}]`);
  if (!Number.isFinite(nowMs)) throw new RangeError("now must be a valid date");
  const count = (n: number) => Math.max(1, Math.round(n * scale));
  const windowStartMs = nowMs - days(DEAL_WINDOW_DAYS);
  const rng = createPrng(seed);

  const team = generateTeam(rng.fork("team"), nowMs);
  const accounts = generateAccounts(rng.fork("accounts"), Math.max(5, count(BASE_COUNTS.accounts)), team.reps, {
    nowMs,
    windowStartMs,
  });
  const takenNames = new Set([...team.managers, ...team.reps].map((r) => r.row.name));
  const contacts = generateContacts(rng.fork("contacts"), accounts, count(BASE_COUNTS.contacts), takenNames);
  const leads = generateLeads(rng.fork("leads"), count(BASE_COUNTS.leads), { nowMs, accounts, contacts, reps: team.reps });
  const deals = generateDeals(rng.fork("deals"), count(BASE_COUNTS.deals), {
    nowMs,
    windowStartMs,
    accounts,
    contacts,
    reps: team.reps,
    leads,
  });

  const dealDrafts = dealActivities(rng.fork("deal-activities"), deals, nowMs);
  const lastTouch = new Map<string, number>();
  for (const a of dealDrafts) lastTouch.set(a.deal_id!, Math.max(a.occurredMs, lastTouch.get(a.deal_id!) ?? -Infinity));
  for (const d of deals) {
    const t = lastTouch.get(d.row.id);
    d.row.last_activity_at = t === undefined ? null : iso(t);
  }
  const activities = finalizeActivities([
    ...dealDrafts,
    ...leadActivities(rng.fork("lead-activities"), leads),
    ...accountActivities(rng.fork("account-activities"), accounts, deals, nowMs),
  ]);

  const history: DealStageHistoryRow[] = deals.flatMap((d) =>
    d.spans.map((s) => ({
      deal_id: d.row.id,
      stage: s.stage,
      entered_at: iso(s.enteredMs),
      exited_at: s.exitedMs === null ? null : iso(s.exitedMs),
    })),
  );

  return {
    data: {
      reps: [...team.managers, ...team.reps].map((r) => r.row),
      products: PRODUCTS.map((p) => ({
        id: p.id,
        name: p.name,
        series: p.series,
        list_price: p.list_price,
        billing: p.billing,
        description: p.description,
      })),
      accounts: accounts.map((a) => a.row),
      contacts,
      leads: leads.map((l) => l.row),
      deals: deals.map((d) => d.row),
      deal_stage_history: history,
      activities,
    },
    leads,
    deals,
  };
}
