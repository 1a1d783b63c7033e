import { PRODUCTS, type Product, type ProductId } from "./catalog.js";
import { drawCycleDays, drawDiscount, stageDurations, winLogit, WIN_NOISE_SD } from "./deal-model.js";
import { placeClosed, placeFromLead, placeOpen, type DealDraft, type DealPlan, type DealWindow, type PlacedDeal } from "./deal-placement.js";
import type { AccountProfile } from "./generate-accounts.js";
import type { LeadProfile } from "./generate-leads.js";
import type { RepProfile } from "./generate-team.js";
import { makeId } from "./naming.js";
import { clamp, roundTo, sigmoid, type Prng } from "./prng.js";
import type { ContactRow, DealRow } from "./types.js";

export type { DealPlan, StageSpan } from "./deal-placement.js";

export interface DealContext extends DealWindow {
  accounts: AccountProfile[];
  contacts: ContactRow[];
  reps: RepProfile[];
  leads: LeadProfile[];
}

const CLOSED_SHARE = 0.65;
const MAX_ATTEMPTS = 10_000;

export function generateDeals(rng: Prng, count: number, ctx: DealContext): DealPlan[] {
  const contactsByAccount = new Map<string, ContactRow[]>();
  for (const c of ctx.contacts) {
    const list = contactsByAccount.get(c.account_id);
    if (list) list.push(c);
    else contactsByAccount.set(c.account_id, [c]);
  }
  const plans: Omit<DealPlan, "row">[] = [];
  const rows: Omit<DealRow, "id" | "name">[] = [];
  const push = ([plan, row]: PlacedDeal) => {
    plans.push(plan);
    rows.push(row);
  };

  const leadDeals = ctx.leads.filter((l) => l.row.converted && l.account).slice(0, Math.floor(count * 0.2));
  for (const lead of leadDeals) {
    const account = lead.account!;
    const rep = ctx.reps.find((r) => r.row.id === lead.row.owner_rep_id)!;
    const draft = { ...makeDraft(rng, account, rep, lead.row.id), contactId: lead.row.contact_id };
    const engagedMs = Date.parse(lead.row.converted_at!);
    push(placeFromLead(rng, draft, engagedMs, ctx.nowMs, contactsByAccount));
  }

  const closedLeadDeals = rows.filter((r) => r.closed_at !== null).length;
  const closedTarget = Math.max(0, Math.round(count * CLOSED_SHARE) - closedLeadDeals);
  const openTarget = count - rows.length - closedTarget;
  const accountWeights = ctx.accounts.map((a) => [a, accountWeight(a, ctx)] as const);
  const place = (closed: boolean) => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const account = rng.weighted(accountWeights);
      const regionReps = ctx.reps.filter((r) => r.region.id === account.region.id);
      const rep = rng.bernoulli(0.65)
        ? (regionReps.find((r) => r.row.id === account.row.owner_rep_id) ?? rng.pick(regionReps))
        : rng.pick(regionReps);
      const draft = makeDraft(rng, account, rep, null);
      const placed = closed ? placeClosed(rng, draft, ctx, contactsByAccount) : placeOpen(rng, draft, ctx, contactsByAccount);
      if (placed) return push(placed);
    }
    throw new Error("demo data: found no account and rep whose active window can hold this deal");
  };
  for (let i = 0; i < closedTarget; i += 1) place(true);
  for (let i = 0; i < openTarget; i += 1) place(false);

  const order = plans.map((_, i) => i).sort((a, b) => plans[a]!.engagedMs - plans[b]!.engagedMs || a - b);
  return order.map((i, n) => {
    const plan = plans[i]!;
    const row: DealRow = {
      id: makeId("deal", n + 1, 5),
      name: `${plan.account.row.name} – ${PRODUCTS.find((p) => p.id === rows[i]!.product_id)!.name}`,
      ...rows[i]!,
    };
    return { ...plan, row };
  });
}

function accountWeight(a: AccountProfile, ctx: DealContext): number {
  const activeShare = (a.activeToMs - a.activeFromMs) / (ctx.nowMs - ctx.windowStartMs);
  return Math.pow(a.row.employees, 0.25) * Math.exp(0.4 * a.fit) * activeShare;
}

function chooseProduct(rng: Prng, account: AccountProfile): Product {
  const e = account.row.employees;
  const [core, pro, enterprise, addOns] = e < 300 ? [0.5, 0.22, 0.02, 0.26] : e <= 3000 ? [0.22, 0.38, 0.12, 0.28] : [0.07, 0.3, 0.33, 0.3];
  const regulated = account.sector === "finance" || account.sector === "healthcare";
  const dataHeavy = account.sector === "software" || account.sector === "media" || account.sector === "retail";
  const id: ProductId = rng.weighted([
    ["prod_core", core],
    ["prod_pro", pro],
    ["prod_enterprise", enterprise],
    ["prod_connect", addOns * 0.4],
    ["prod_insights_ai", addOns * 0.33 * (dataHeavy ? 1.5 : 1)],
    ["prod_governance", addOns * 0.27 * (regulated ? 1.8 : 1)],
  ] as const);
  return PRODUCTS.find((p) => p.id === id)!;
}

function makeDraft(rng: Prng, account: AccountProfile, rep: RepProfile, leadId: string | null): DealDraft {
  const product = chooseProduct(rng, account);
  const cycleDays = drawCycleDays(rng, product.id);
  const discount = drawDiscount(rng, product.id);
  const activity = rng.normal(0, 1);
  const logit = winLogit({
    product: product.id,
    sector: account.sector,
    employees: account.row.employees,
    repSkill: rep.skill,
    accountFit: account.fit,
    discount,
    activity,
    cycleDays,
    fromLead: leadId !== null,
  });
  const sizeFactor = clamp(Math.pow(account.row.employees / 800, 0.25), 0.5, 2.8);
  const volume = product.kind === "plan" ? sizeFactor * rng.lognormal(0, 0.3) : Math.pow(sizeFactor, 0.7) * rng.lognormal(0, 0.25);
  return {
    account,
    rep,
    product,
    amount: Math.max(roundTo(product.list_price * 0.3, 100), roundTo(product.list_price * volume * (1 - discount), 100)),
    cycleDays,
    durations: stageDurations(rng, cycleDays),
    activity,
    winProbability: sigmoid(logit + rng.normal(0, WIN_NOISE_SD)),
    leadId,
    contactId: null,
  };
}

