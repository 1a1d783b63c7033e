import { OPEN_STAGES, type DealStage, type OpenStage, type Product, type Seniority } from "./catalog.js";
import { lostReason, nextStep } from "./deal-text.js";
import type { AccountProfile } from "./generate-accounts.js";
import type { RepProfile } from "./generate-team.js";
import { clamp, roundTo, type Prng } from "./prng.js";
import { days, iso, isoDate } from "./time.js";
import type { ContactRow, DealRow } from "./types.js";

/**
 * Placing a drafted deal in time: its stage path, dates, and the closing or open-pipeline fields that
 * follow from them.
 */

export interface StageSpan {
  stage: DealStage;
  enteredMs: number;
  exitedMs: number | null;
}

export interface DealPlan {
  row: DealRow;
  account: AccountProfile;
  rep: RepProfile;
  contacts: ContactRow[];
  spans: StageSpan[];
  engagedMs: number;
  /** Activities fall in [engagedMs, activityUntilMs]; a stalled deal went quiet long before now. */
  activityUntilMs: number;
  /** Latent activity intensity (standard normal). */
  activity: number;
  stalled: boolean;
  /** Win probability of the hidden model (for tests of the generator only). */
  winProbability: number;
}

/** What a deal is before it is placed in time. */
export interface DealDraft {
  account: AccountProfile;
  rep: RepProfile;
  product: Product;
  amount: number;
  cycleDays: number;
  durations: Record<OpenStage, number>;
  activity: number;
  winProbability: number;
  leadId: string | null;
  /** The person the deal came from, when it came from a lead. */
  contactId: string | null;
}

const STALLED_SHARE = 0.3;
const OPEN_STAGE_WEIGHTS = [0.3, 0.28, 0.24, 0.18];
const CONTACT_WEIGHT: Record<Seniority, number> = { c_level: 3, vp: 3, director: 3, manager: 2, individual: 1 };

export interface DealWindow {
  nowMs: number;
  /** Earliest engagement of a deal. */
  windowStartMs: number;
}

/** A placed deal: its plan, and its row without the id and name given once all deals are ordered. */
export type PlacedDeal = [Omit<DealPlan, "row">, Omit<DealRow, "id" | "name">];

/** Stages a deal passes through: all four when won; up to the stage it died in when lost. */
function closedPath(rng: Prng, draft: DealDraft): { won: boolean; stages: OpenStage[] } {
  const won = rng.bernoulli(draft.winProbability);
  if (won) return { won, stages: [...OPEN_STAGES] };
  const weights = draft.winProbability < 0.4 ? [0.25, 0.35, 0.22, 0.18] : [0.12, 0.28, 0.3, 0.3];
  const lostAt = rng.weighted(OPEN_STAGES.map((s, i) => [i, weights[i]!] as const));
  return { won, stages: OPEN_STAGES.slice(0, lostAt + 1) };
}

function spansFrom(engagedMs: number, stages: readonly OpenStage[], durations: Record<OpenStage, number>): StageSpan[] {
  const spans: StageSpan[] = [];
  let t = engagedMs;
  for (const stage of stages) {
    const exit = t + Math.max(days(0.5), days(durations[stage]));
    spans.push({ stage, enteredMs: t, exitedMs: exit });
    t = exit;
  }
  return spans;
}

export function placeClosed(rng: Prng, draft: DealDraft, ctx: DealWindow, contacts: Map<string, ContactRow[]>) {
  const { won, stages } = closedPath(rng, draft);
  const realizedDays = stages.reduce((sum, s) => sum + Math.max(0.5, draft.durations[s]), 0);
  const lo = Math.max(draft.account.activeFromMs, draft.rep.hiredMs);
  const hi = Math.min(draft.account.activeToMs, ctx.nowMs - days(realizedDays + 1));
  if (hi <= lo) return undefined;
  // Skewed toward recent months: the seller grew over the period.
  const engagedMs = Math.floor(lo + (hi - lo) * Math.pow(rng.next(), 0.8));
  return closedDeal(rng, draft, engagedMs, won, stages, contacts);
}

function closedDeal(
  rng: Prng,
  draft: DealDraft,
  engagedMs: number,
  won: boolean,
  stages: readonly OpenStage[],
  contacts: Map<string, ContactRow[]>,
): PlacedDeal {
  const spans = spansFrom(engagedMs, stages, draft.durations);
  const closedMs = spans[spans.length - 1]!.exitedMs!;
  spans.push({ stage: won ? "won" : "lost", enteredMs: closedMs, exitedMs: null });
  return [
    plan(draft, engagedMs, spans, closedMs, false, contacts),
    {
      ...baseRow(rng, draft, engagedMs, contacts),
      stage: won ? "won" : "lost",
      close_value: won ? roundTo(draft.amount * clamp(rng.normal(0.98, 0.04), 0.85, 1.1), 100) : null,
      stage_entered_at: iso(closedMs),
      expected_close_date: null,
      closed_at: iso(closedMs),
      lost_reason: won ? null : lostReason(rng, stages[stages.length - 1]!),
      next_step: null,
    },
  ];
}

export function placeOpen(rng: Prng, draft: DealDraft, ctx: DealWindow, contacts: Map<string, ContactRow[]>) {
  const stalled = rng.bernoulli(STALLED_SHARE);
  const current = rng.weighted(OPEN_STAGES.map((s, i) => [i, OPEN_STAGE_WEIGHTS[i]!] as const));
  const before = OPEN_STAGES.slice(0, current).reduce((sum, s) => sum + Math.max(0.5, draft.durations[s]), 0);
  const inStage = stalled
    ? draft.durations[OPEN_STAGES[current]!] + rng.uniform(30, 240)
    : rng.uniform(0.1, 0.9) * draft.durations[OPEN_STAGES[current]!];
  const engagedMs = ctx.nowMs - days(before + inStage);
  const lo = Math.max(draft.account.activeFromMs, draft.rep.hiredMs, ctx.windowStartMs);
  if (engagedMs < lo) return undefined;
  if (!stalled && draft.account.activeToMs < ctx.nowMs - days(1)) return undefined;
  // A deal that stalls was a weaker deal all along: fewer touches than its peers.
  const weakened = stalled ? { ...draft, activity: draft.activity - 0.8, winProbability: draft.winProbability * 0.6 } : draft;
  return openDeal(rng, weakened, engagedMs, current, stalled, ctx.nowMs, contacts);
}

export function placeFromLead(rng: Prng, draft: DealDraft, engagedMs: number, nowMs: number, contacts: Map<string, ContactRow[]>) {
  const { won, stages } = closedPath(rng, draft);
  const realizedDays = stages.reduce((sum, s) => sum + Math.max(0.5, draft.durations[s]), 0);
  if (engagedMs + days(realizedDays) < nowMs) return closedDeal(rng, draft, engagedMs, won, stages, contacts);
  const ageDays = (nowMs - engagedMs) / days(1);
  let current = 0;
  let elapsed = 0;
  while (current < stages.length - 1 && elapsed + Math.max(0.5, draft.durations[stages[current]!]) <= ageDays) {
    elapsed += Math.max(0.5, draft.durations[stages[current]!]);
    current += 1;
  }
  return openDeal(rng, draft, engagedMs, current, false, nowMs, contacts);
}

function openDeal(
  rng: Prng,
  draft: DealDraft,
  engagedMs: number,
  current: number,
  stalled: boolean,
  nowMs: number,
  contacts: Map<string, ContactRow[]>,
): PlacedDeal {
  const spans = spansFrom(engagedMs, OPEN_STAGES.slice(0, current + 1), draft.durations);
  const last = spans[spans.length - 1]!;
  last.exitedMs = null;
  const stage = OPEN_STAGES[current]!;
  // Stops an hour short of now so that no activity carries the anchor timestamp itself.
  const activityUntilMs = stalled ? last.enteredMs + rng.uniform(0, 0.5) * days(draft.durations[stage]) : nowMs - 3_600_000;
  const plannedCloseMs = engagedMs + days(draft.cycleDays);
  const expectedCloseMs =
    plannedCloseMs > nowMs + days(3) || (stalled && rng.bernoulli(0.55)) ? plannedCloseMs : nowMs + days(rng.int(7, 60));
  return [
    plan(draft, engagedMs, spans, activityUntilMs, stalled, contacts),
    {
      ...baseRow(rng, draft, engagedMs, contacts),
      stage,
      close_value: null,
      stage_entered_at: iso(last.enteredMs),
      expected_close_date: isoDate(expectedCloseMs),
      closed_at: null,
      lost_reason: null,
      next_step: nextStep(rng, stage, stalled),
    },
  ];
}

function plan(
  draft: DealDraft,
  engagedMs: number,
  spans: StageSpan[],
  activityUntilMs: number,
  stalled: boolean,
  contacts: Map<string, ContactRow[]>,
): Omit<DealPlan, "row"> {
  return {
    account: draft.account,
    rep: draft.rep,
    contacts: contacts.get(draft.account.row.id) ?? [],
    spans,
    engagedMs,
    activityUntilMs,
    activity: draft.activity,
    stalled,
    winProbability: draft.winProbability,
  };
}

function baseRow(rng: Prng, draft: DealDraft, engagedMs: number, contacts: Map<string, ContactRow[]>) {
  const candidates = contacts.get(draft.account.row.id) ?? [];
  const contact = candidates.length > 0 ? rng.weighted(candidates.map((c) => [c, CONTACT_WEIGHT[c.seniority]] as const)) : undefined;
  return {
    account_id: draft.account.row.id,
    contact_id: draft.contactId ?? contact?.id ?? null,
    owner_rep_id: draft.rep.row.id,
    product_id: draft.product.id,
    lead_id: draft.leadId,
    amount: draft.amount,
    engaged_at: iso(engagedMs),
    last_activity_at: null,
    created_at: iso(engagedMs),
  };
}
