import { PRODUCTS, type OpenStage } from "./catalog.js";
import { activityRate } from "./deal-model.js";
import type { AccountProfile } from "./generate-accounts.js";
import type { DealPlan } from "./generate-deals.js";
import type { LeadProfile } from "./generate-leads.js";
import { makeId } from "./naming.js";
import { clamp, sigmoid, type Prng } from "./prng.js";
import { days, iso, officeHours } from "./time.js";
import type { ActivityKind, ActivityRow } from "./types.js";

export interface ActivityDraft extends Omit<ActivityRow, "id" | "occurred_at"> {
  occurredMs: number;
}

const KIND_BY_STAGE: Record<OpenStage, readonly (readonly [ActivityKind, number])[]> = {
  prospecting: [["email", 0.45], ["call", 0.35], ["meeting", 0.1], ["note", 0.1]],
  qualification: [["email", 0.35], ["call", 0.2], ["meeting", 0.2], ["demo", 0.15], ["note", 0.1]],
  proposal: [["email", 0.4], ["call", 0.15], ["meeting", 0.25], ["demo", 0.05], ["note", 0.15]],
  negotiation: [["email", 0.45], ["call", 0.2], ["meeting", 0.2], ["note", 0.15]],
};

const SUBJECTS: Record<OpenStage, Partial<Record<ActivityKind, readonly string[]>>> = {
  prospecting: {
    email: ["Intro: Helix Data for {account}", "Following up on our call", "Customer story: analytics at a peer company"],
    call: ["Discovery call", "Cold call follow-up", "Intro call with {account}"],
    meeting: ["Discovery meeting"],
    note: ["Current stack: spreadsheets plus a legacy BI tool", "Champion identified"],
  },
  qualification: {
    email: ["Recap and next steps", "Questions from your data team", "Budget and timeline"],
    call: ["Qualification call", "Check-in with champion"],
    meeting: ["Stakeholder alignment", "Technical deep-dive"],
    demo: ["Demo of {product}", "Tailored demo for the analytics team"],
    note: ["Decision process: CFO signs above $50k", "Evaluating a competitor in parallel"],
  },
  proposal: {
    email: ["Proposal: {product}", "Security questionnaire answers", "Pricing options"],
    call: ["Proposal walkthrough", "Follow-up on proposal"],
    meeting: ["Proposal review with the economic buyer", "Proof-of-concept review"],
    demo: ["Follow-up demo: {product} for finance"],
    note: ["Asked for a multi-year discount", "POC success criteria agreed"],
  },
  negotiation: {
    email: ["Updated order form", "MSA redlines", "Final pricing"],
    call: ["Negotiation call", "Procurement call"],
    meeting: ["Commercial terms meeting", "Legal review"],
    note: ["Procurement asked for net-60 terms", "Verbal yes from the champion"],
  },
};

function draftActivity(kind: ActivityKind, direction: ActivityDraft["direction"], rest: Omit<ActivityDraft, "kind" | "direction">): ActivityDraft {
  return { kind, direction, ...rest };
}

export function dealActivities(rng: Prng, plans: DealPlan[], nowMs: number): ActivityDraft[] {
  const out: ActivityDraft[] = [];
  for (const plan of plans) {
    const product = PRODUCTS.find((p) => p.id === plan.row.product_id)!;
    const start = plan.engagedMs;
    const until = Math.max(start, plan.activityUntilMs);
    const weeks = Math.max(1 / 7, (until - start) / days(7));
    const times = [start];
    const n = Math.min(80, rng.poisson(activityRate(product.id, plan.activity) * weeks));
    for (let k = 0; k < n; k += 1) times.push(rng.dateBetween(start, until));
    const open = plan.row.closed_at === null;
    if (open && !plan.stalled && Math.max(...times) < nowMs - days(10)) times.push(Math.max(start, nowMs - days(rng.uniform(0, 10))));

    for (const [k, t] of times.entries()) {
      const stage = stageAt(plan, t);
      const kind: ActivityKind = k === 0 ? rng.weighted([["call", 0.6], ["meeting", 0.4]] as const) : rng.weighted(KIND_BY_STAGE[stage]);
      const direction = directionFor(rng, kind);
      const contact = rng.bernoulli(0.7) || plan.contacts.length === 0 ? plan.row.contact_id : rng.pick(plan.contacts).id;
      out.push(
        draftActivity(kind, direction, {
          account_id: plan.account.row.id,
          contact_id: contact,
          lead_id: null,
          deal_id: plan.row.id,
          rep_id: plan.rep.row.id,
          subject: fill(rng.pick(SUBJECTS[stage][kind] ?? ["Follow-up"]), plan.account.row.name, product.name, direction),
          outcome: outcomeFor(rng, kind, direction, plan.activity),
          occurredMs: inOfficeHours(t, rng.next(), plan.account.region.utcOffset, start, until),
        }),
      );
    }
    if (plan.row.stage === "won") {
      out.push(
        draftActivity("note", null, {
          account_id: plan.account.row.id,
          contact_id: plan.row.contact_id,
          lead_id: null,
          deal_id: plan.row.id,
          rep_id: plan.rep.row.id,
          subject: "Order form signed",
          outcome: null,
          occurredMs: until,
        }),
      );
    }
  }
  return out;
}

/** Moves t into office hours unless that would leave [start, end]; then t itself is kept. */
function inOfficeHours(t: number, u: number, utcOffset: number, start: number, end: number): number {
  const moved = officeHours(t, u, utcOffset);
  return moved >= start && moved <= end ? moved : clamp(t, start, end);
}

function stageAt(plan: DealPlan, t: number): OpenStage {
  let stage: OpenStage = "prospecting";
  for (const span of plan.spans) {
    if (span.stage === "won" || span.stage === "lost") break;
    if (span.enteredMs <= t) stage = span.stage;
  }
  return stage;
}

function directionFor(rng: Prng, kind: ActivityKind): ActivityDraft["direction"] {
  if (kind === "email") return rng.bernoulli(0.65) ? "outbound" : "inbound";
  if (kind === "call" || kind === "sms") return rng.bernoulli(0.85) ? "outbound" : "inbound";
  if (kind === "chat") return "inbound";
  return null;
}

function outcomeFor(rng: Prng, kind: ActivityKind, direction: ActivityDraft["direction"], engagement: number): string | null {
  switch (kind) {
    case "email":
      return direction === "outbound" ? (rng.bernoulli(sigmoid(-0.6 + 0.6 * engagement)) ? "replied" : "no reply") : null;
    case "call":
      return rng.bernoulli(sigmoid(0.2 + 0.4 * engagement)) ? "connected" : rng.bernoulli(0.65) ? "left voicemail" : "no answer";
    case "meeting":
      return rng.bernoulli(0.88) ? "completed" : "rescheduled";
    case "demo":
      return rng.bernoulli(0.92) ? "completed" : "no-show";
    default:
      return null;
  }
}

function fill(template: string, account: string, product: string, direction: ActivityDraft["direction"]): string {
  const text = template.replace("{account}", account).replace("{product}", product);
  return direction === "inbound" && !text.startsWith("Re:") ? `Re: ${text}` : text;
}

const FIRST_TOUCH: Record<LeadProfile["row"]["source"], [ActivityKind, ActivityDraft["direction"], string] | null> = {
  chat: ["chat", "inbound", "Website chat: question about pricing"],
  webinar: ["webinar", "inbound", "Attended webinar: Metrics everyone trusts"],
  event: ["meeting", null, "Met at our conference booth"],
  outbound: ["email", "outbound", "Intro: how teams like yours use Helix Data"],
  web_form: ["email", "outbound", "Thanks for your request"],
  referral: ["email", "inbound", "Introduction from a Helix Data customer"],
  partner: ["email", "inbound", "Partner referral"],
  organic: null,
  paid_search: null,
};

const LEAD_FOLLOW_UPS = [
  ["email", "Following up on your interest in Helix Data"],
  ["call", "Qualification call"],
  ["sms", "Quick question about your analytics project"],
] as const;

export function leadActivities(rng: Prng, leads: LeadProfile[]): ActivityDraft[] {
  const out: ActivityDraft[] = [];
  for (const { row, region } of leads) {
    const start = Date.parse(row.created_at);
    const end = Math.max(start, Date.parse(row.last_activity_at));
    const base = { account_id: row.account_id, contact_id: row.contact_id, lead_id: row.id, deal_id: null, rep_id: row.owner_rep_id };
    const first = FIRST_TOUCH[row.source];
    if (first) out.push({ ...base, kind: first[0], direction: first[1], subject: first[2], outcome: null, occurredMs: start });
    const n = Math.min(8, rng.poisson(0.4 + 0.1 * row.email_opens + (row.demo_requested ? 1 : 0)));
    for (let k = 0; k < n; k += 1) {
      const [kind, subject] = rng.weighted(LEAD_FOLLOW_UPS.map((f) => [f, f[0] === "email" ? 0.55 : f[0] === "call" ? 0.3 : 0.15] as const));
      const direction = directionFor(rng, kind);
      const t = inOfficeHours(rng.dateBetween(start, end + 1), rng.next(), region.utcOffset, start, end);
      out.push({ ...base, kind, direction, subject, outcome: outcomeFor(rng, kind, direction, 0), occurredMs: t });
    }
  }
  return out;
}

/** Check-ins with customers after their first won deal, which gives segmentation an engagement signal. */
export function accountActivities(rng: Prng, accounts: AccountProfile[], plans: DealPlan[], nowMs: number): ActivityDraft[] {
  const firstWin = new Map<string, number>();
  for (const p of plans) {
    if (p.row.stage !== "won") continue;
    const t = Date.parse(p.row.closed_at!);
    firstWin.set(p.account.row.id, Math.min(t, firstWin.get(p.account.row.id) ?? Infinity));
  }
  const out: ActivityDraft[] = [];
  for (const account of accounts) {
    const won = firstWin.get(account.row.id);
    if (won === undefined) continue;
    const end = Math.min(nowMs, account.activeToMs + days(60));
    for (let t = won + days(rng.uniform(60, 120)); t < end; t += days(rng.uniform(70, 120))) {
      const meeting = rng.bernoulli(0.7);
      out.push({
        kind: meeting ? "meeting" : "note",
        direction: null,
        account_id: account.row.id,
        contact_id: null,
        lead_id: null,
        deal_id: null,
        rep_id: account.row.owner_rep_id,
        subject: meeting ? "Quarterly business review" : rng.pick(["Usage review: adoption growing", "Renewal check-in", "Exec sponsor update"]),
        outcome: meeting ? "completed" : null,
        occurredMs: Math.min(nowMs - 60_000, officeHours(t, rng.next(), account.region.utcOffset)),
      });
    }
  }
  return out;
}

/** Sorted by time, so act_000001 is the oldest activity. */
export function finalizeActivities(drafts: ActivityDraft[]): ActivityRow[] {
  const sorted = drafts.map((d, i) => [d, i] as const).sort((a, b) => a[0].occurredMs - b[0].occurredMs || a[1] - b[1]);
  return sorted.map(([{ occurredMs, ...rest }], n) => ({ id: makeId("act", n + 1, 6), ...rest, occurred_at: iso(occurredMs) }));
}
