import {
  LEAD_SOURCES,
  REGIONS,
  SECTORS,
  SENIORITIES,
  type Country,
  type LeadSource,
  type Region,
  type Sector,
  type Seniority,
} from "./catalog.js";
import type { AccountProfile } from "./generate-accounts.js";
import type { RepProfile } from "./generate-team.js";
import { conversionLogit, drawEngagement, OUTCOME_NOISE_SD } from "./lead-model.js";
import { makeId, phoneNumber, slug } from "./naming.js";
import { clamp, sigmoid, type Prng } from "./prng.js";
import { days, iso } from "./time.js";
import type { ContactRow, LeadRow, LeadStatus } from "./types.js";
import { COMPANY_ROOTS, FIRST_NAMES, LAST_NAMES, SECTOR_NOUNS, TITLES } from "./words.js";

export interface LeadProfile {
  row: LeadRow;
  account?: AccountProfile;
  region: Region;
  /** Conversion probability of the hidden model (for tests of the generator only). */
  probability: number;
}

const SOURCE_WEIGHTS: Record<LeadSource, number> = {
  web_form: 0.2, organic: 0.14, paid_search: 0.15, referral: 0.07, event: 0.08, webinar: 0.1, outbound: 0.13, partner: 0.05, chat: 0.08,
};
const LEAD_SENIORITY: Record<Seniority, number> = { c_level: 0.07, vp: 0.11, director: 0.18, manager: 0.3, individual: 0.34 };
const BANT_RATE: Partial<Record<LeadSource, number>> = { outbound: 0.55, event: 0.55, chat: 0.5, referral: 0.5, partner: 0.5, web_form: 0.4 };
const HISTORY_DAYS = 548;
const ACCOUNT_LINK_RATE = 0.35;

export interface LeadContext {
  nowMs: number;
  accounts: AccountProfile[];
  contacts: ContactRow[];
  reps: RepProfile[];
}

export function generateLeads(rng: Prng, count: number, ctx: LeadContext): LeadProfile[] {
  const { nowMs } = ctx;
  const pickPerson = personPicker(ctx);
  const leads: LeadProfile[] = [];
  for (let i = 0; i < count; i += 1) {
    // More leads in recent months: marketing grew over the period.
    const daysAgo = 1 + (HISTORY_DAYS - 1) * (1 - Math.pow(rng.next(), 0.8));
    const createdMs = nowMs - days(daysAgo);
    const source = rng.weighted(LEAD_SOURCES.map((s) => [s, SOURCE_WEIGHTS[s]] as const));
    const { account, contact, region, country, sector, companySize, company, seniority, first, last, email } = pickPerson(rng, createdMs);

    const interest = rng.normal(0, 1);
    const engagement = drawEngagement(rng, source, interest);
    const logit = conversionLogit({ source, seniority, companySize }, engagement, interest) + rng.normal(0, OUTCOME_NOISE_SD);
    const probability = sigmoid(logit);

    const decisionMs = createdMs + days(clamp(rng.lognormal(Math.log(24), 0.85), 1, 180));
    const decided = decisionMs < nowMs;
    const converted = decided ? rng.bernoulli(probability) : null;
    const anchorMs = decided ? decisionMs : nowMs;
    const lastActivityMs = Math.max(createdMs, anchorMs - days(engagement.quietDays));
    const bant = rng.bernoulli(BANT_RATE[source] ?? 0.25) ? bantSlots(rng, logit, seniority) : undefined;

    const owners = ctx.reps.filter((r) => r.region.id === region.id && r.hiredMs <= createdMs);
    const owner = account && rng.bernoulli(0.8) ? account.row.owner_rep_id : rng.pick(owners).row.id;

    leads.push({
      row: {
        id: makeId("lead", i + 1, 5),
        contact_id: contact?.id ?? null,
        account_id: account?.row.id ?? null,
        owner_rep_id: owner,
        status: status(decided, converted, bant !== undefined && probability > 0.25, nowMs - createdMs),
        source,
        name: `${first} ${last}`,
        email,
        phone: contact?.phone ?? (rng.bernoulli(source === "chat" ? 0.3 : 0.65) ? phoneNumber(rng, country.phone) : null),
        company,
        job_role: contact?.title ?? rng.pick(TITLES[seniority]),
        industry: sector,
        company_size: companySize,
        country: country.name,
        budget: bant?.budget ?? null,
        authority: bant?.authority ?? null,
        need: bant?.need ?? null,
        timeline: bant?.timeline ?? null,
        ...engagement.behaviour,
        last_activity_at: iso(lastActivityMs),
        converted,
        converted_at: converted ? iso(decisionMs) : null,
        created_at: iso(createdMs),
        updated_at: iso(decided ? decisionMs : lastActivityMs),
      },
      account,
      region,
      probability,
    });
  }
  return leads;
}

interface LeadPerson {
  account?: AccountProfile;
  contact?: ContactRow;
  region: Region;
  country: Country;
  sector: Sector;
  companySize: number;
  company: string;
  seniority: Seniority;
  first: string;
  last: string;
  email: string;
}

/** Who a lead is: a known contact, someone new at a known account, or someone at a company new to the CRM. */
function personPicker(ctx: LeadContext): (rng: Prng, createdMs: number) => LeadPerson {
  const contactsByAccount = groupBy(ctx.contacts, (c) => c.account_id);
  const accountCreated = new Map(ctx.accounts.map((a) => [a, Date.parse(a.row.created_at)]));
  const accountWeight = new Map(ctx.accounts.map((a) => [a, Math.pow(a.row.employees, 0.3) * Math.exp(0.3 * a.fit)]));
  const contactCreated = new Map(ctx.contacts.map((c) => [c, Date.parse(c.created_at)]));
  const accountNames = new Set(ctx.accounts.map((a) => a.row.name));
  return (rng, createdMs) => {
    const eligible = ctx.accounts.filter((a) => accountCreated.get(a)! <= createdMs);
    const account =
      eligible.length > 0 && rng.bernoulli(ACCOUNT_LINK_RATE)
        ? rng.weighted(eligible.map((a) => [a, accountWeight.get(a)!] as const))
        : undefined;
    const known = account ? (contactsByAccount.get(account.row.id) ?? []).filter((c) => contactCreated.get(c)! <= createdMs) : [];
    const contact = known.length > 0 && rng.bernoulli(0.7) ? rng.pick(known) : undefined;

    const region = account?.region ?? rng.weighted(REGIONS.map((r) => [r, r.id === "apac" ? 0.12 : 0.22] as const));
    const country = account?.country ?? rng.weighted(region.countries);
    const sector = account?.sector ?? rng.pick(SECTORS);
    const companySize = account?.row.employees ?? Math.round(clamp(rng.lognormal(Math.log(350), 1.4), 5, 100_000));
    const company = account?.row.name ?? newCompanyName(rng, sector, accountNames);
    const domain = account?.domain ?? `${slug(company)}.example`;
    const seniority = contact?.seniority ?? rng.weighted(SENIORITIES.map((s) => [s, LEAD_SENIORITY[s]] as const));
    const first = contact?.first_name ?? rng.pick(FIRST_NAMES);
    const last = contact?.last_name ?? rng.pick(LAST_NAMES);
    const email = contact?.email ?? `${slug(first)}.${slug(last)}@${domain}`;
    return { account, contact, region, country, sector, companySize, company, seniority, first, last, email };
  };
}

function status(decided: boolean, converted: boolean | null, qualified: boolean, ageMs: number): LeadStatus {
  if (decided) return converted ? "converted" : "disqualified";
  if (qualified) return "qualified";
  return ageMs < days(5) ? "new" : "working";
}

function newCompanyName(rng: Prng, sector: Sector, accountNames: Set<string>): string {
  for (;;) {
    const name = `${rng.pick(COMPANY_ROOTS)} ${rng.pick(SECTOR_NOUNS[sector])}`;
    if (!accountNames.has(name)) return name;
  }
}

const NEEDS = [
  "Replace spreadsheet reporting with shared dashboards",
  "One set of metric definitions across finance and sales",
  "Embed customer-facing analytics in our product",
  "Consolidate three BI tools into one",
  "Give operations near-real-time visibility",
  "Audit-ready access control for regulated data",
  "Self-service analytics for business teams",
];

/** BANT answers whose tone follows the hidden conversion odds, loosely. */
function bantSlots(rng: Prng, logit: number, seniority: Seniority) {
  const signal = logit + rng.normal(0, 1.3);
  const low = Math.round(rng.uniform(1, 8)) * 10;
  return {
    budget:
      signal > -1 ? `Approved, about $${low}k–${low + 30}k this fiscal year` : signal > -2.5 ? "Being set for next fiscal year" : "No budget allocated yet",
    authority:
      seniority === "c_level" || seniority === "vp"
        ? "Economic buyer"
        : seniority === "director"
          ? "Signs up to $50k; CFO approves above"
          : "Influencer; reports to the budget holder",
    need: rng.pick(NEEDS),
    timeline: signal > -1 ? "This quarter" : signal > -2.5 ? "Next 6 months" : "Exploring, no date set",
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
