import { REGIONS, SECTORS, type Country, type Region, type RegionId, type Sector } from "./catalog.js";
import type { RepProfile } from "./generate-team.js";
import { makeId, slug } from "./naming.js";
import { clamp, type Prng } from "./prng.js";
import { days, iso } from "./time.js";
import type { AccountRow } from "./types.js";
import { COMPANY_ROOTS, SECTOR_NOUNS, SUBSIDIARY_SUFFIXES } from "./words.js";

export interface AccountProfile {
  row: AccountRow;
  region: Region;
  country: Country;
  sector: Sector;
  domain: string;
  /** Latent product fit: more deals, better win odds; never stored. */
  fit: number;
  /** Deals engage only inside this window, which gives accounts distinct recency and frequency. */
  activeFromMs: number;
  activeToMs: number;
}

const REGION_WEIGHTS: Record<RegionId, number> = { na_east: 0.26, na_central: 0.16, na_west: 0.22, emea: 0.24, apac: 0.12 };

const SECTOR_WEIGHTS: Record<Sector, number> = {
  software: 0.15, retail: 0.11, finance: 0.13, healthcare: 0.11, manufacturing: 0.11,
  telecom: 0.08, energy: 0.07, education: 0.07, media: 0.08, logistics: 0.09,
};

/** Revenue per employee in thousands of USD, so revenue follows headcount sector by sector. */
const REVENUE_PER_EMPLOYEE_K: Record<Sector, number> = {
  software: 260, retail: 180, finance: 420, healthcare: 200, manufacturing: 240,
  telecom: 380, energy: 520, education: 90, media: 230, logistics: 210,
};

const SUFFIX_REGION: Record<(typeof SUBSIDIARY_SUFFIXES)[number], RegionId | null> = {
  Europe: "emea", "Asia Pacific": "apac", Americas: "na_central", Digital: null, Services: null, International: null,
};

export interface AccountTimeline {
  nowMs: number;
  /** First day a deal may engage. */
  windowStartMs: number;
}

export function generateAccounts(rng: Prng, count: number, reps: RepProfile[], timeline: AccountTimeline): AccountProfile[] {
  const { nowMs, windowStartMs } = timeline;
  const windowMs = nowMs - windowStartMs;
  const accounts: AccountProfile[] = [];
  const names = new Set<string>();
  const usedRoots = new Set<string>();
  const nowYear = new Date(nowMs).getUTCFullYear();

  for (let i = 0; i < count; i += 1) {
    const parent = i > 10 && rng.bernoulli(0.07) ? pickParent(rng, accounts) : undefined;
    const sector = parent?.sector ?? rng.weighted(SECTORS.map((s) => [s, SECTOR_WEIGHTS[s]] as const));
    let name: string;
    let regionId: RegionId;
    if (parent) {
      const suffix = rng.pick(SUBSIDIARY_SUFFIXES.filter((s) => !names.has(`${parent.row.name} ${s}`)));
      name = `${parent.row.name} ${suffix}`;
      regionId = SUFFIX_REGION[suffix] ?? parent.region.id;
    } else {
      name = companyName(rng, sector, names, usedRoots);
      regionId = rng.weighted(REGIONS.map((r) => [r.id, REGION_WEIGHTS[r.id]] as const));
    }
    names.add(name);
    const region = REGIONS.find((r) => r.id === regionId)!;
    const country = rng.weighted(region.countries);

    const employees = Math.round(
      parent ? parent.row.employees * rng.uniform(0.05, 0.3) : clamp(rng.lognormal(Math.log(900), 1.25), 15, 150_000),
    );
    const revenue = (employees * REVENUE_PER_EMPLOYEE_K[sector] * rng.lognormal(0, 0.35)) / 1000;
    const age = clamp(Math.round(rng.lognormal(Math.log(20) + 0.18 * Math.log(employees / 900), 0.6)), 2, 130);
    const yearEstablished = parent ? Math.max(parent.row.year_established, nowYear - rng.int(3, 25)) : nowYear - age;

    const lifecycle = rng.weighted([["steady", 0.6], ["lapsed", 0.2], ["new", 0.2]] as const);
    const activeFromMs = lifecycle === "new" ? windowStartMs + rng.uniform(0.3, 0.65) * windowMs : windowStartMs;
    const activeToMs = lifecycle === "lapsed" ? windowStartMs + rng.uniform(0.35, 0.7) * windowMs : nowMs;
    const createdMs = lifecycle === "new" ? activeFromMs - days(rng.int(10, 60)) : windowStartMs - days(rng.int(20, 1400));

    const owners = reps.filter((r) => r.region.id === regionId && r.hiredMs <= createdMs);
    const owner = rng.pick(owners.length > 0 ? owners : reps.filter((r) => r.region.id === regionId));
    const domain = `${slug(name)}.example`;
    accounts.push({
      row: {
        id: makeId("acc", i + 1, 4),
        name,
        sector,
        employees,
        revenue_musd: Math.round(revenue * 100) / 100,
        region: region.name,
        country: country.name,
        year_established: yearEstablished,
        subsidiary_of: parent?.row.name ?? null,
        website: `https://www.${domain}`,
        owner_rep_id: owner.row.id,
        created_at: iso(createdMs),
      },
      region,
      country,
      sector,
      domain,
      fit: rng.normal(0, 1),
      activeFromMs,
      activeToMs,
    });
  }
  return accounts;
}

function pickParent(rng: Prng, accounts: AccountProfile[]): AccountProfile | undefined {
  const candidates = accounts.filter((a) => a.row.subsidiary_of === null && a.row.employees >= 2000);
  return candidates.length > 0 ? rng.pick(candidates) : undefined;
}

function companyName(rng: Prng, sector: Sector, taken: Set<string>, usedRoots: Set<string>): string {
  for (let attempt = 0; ; attempt += 1) {
    const root = rng.pick(COMPANY_ROOTS);
    if (usedRoots.has(root) && attempt < 20) continue;
    // Past a few hundred tries the root-and-noun pairs of this sector are used up.
    const suffix = attempt < 300 ? "" : ` ${rng.pick(["Group", "Holdings", "Partners", "Co."])}${attempt < 600 ? "" : ` ${attempt}`}`;
    const name = `${root} ${rng.pick(SECTOR_NOUNS[sector])}${suffix}`;
    if (taken.has(name)) continue;
    usedRoots.add(root);
    return name;
  }
}
