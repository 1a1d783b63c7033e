import { REGIONS, SELLER, type Region, type RegionId } from "./catalog.js";
import { pad, personName, slug } from "./naming.js";
import { roundTo, type Prng } from "./prng.js";
import { days, iso, isoDate } from "./time.js";
import type { RepRow } from "./types.js";

export interface RepProfile {
  row: RepRow;
  region: Region;
  /** Latent selling skill: shifts win odds; never stored. */
  skill: number;
  hiredMs: number;
}

export interface Team {
  managers: RepProfile[];
  reps: RepProfile[];
}

const REPS_PER_REGION: Record<RegionId, number> = { na_east: 6, na_central: 4, na_west: 5, emea: 6, apac: 4 };
const NEW_HIRES = 3;

export function generateTeam(rng: Prng, nowMs: number): Team {
  const taken = new Set<string>();
  const managers: RepProfile[] = [];
  const reps: RepProfile[] = [];
  const totalReps = REGIONS.reduce((n, r) => n + REPS_PER_REGION[r.id], 0);
  const newHires = new Set(rng.sample([...Array(totalReps).keys()], NEW_HIRES));

  const member = (id: string, role: RepRow["role"], region: Region, managerId: string | null, hiredMs: number, skill: number) => {
    const { first, last } = personName(rng, taken);
    const timezone = role === "manager" ? region.timezone : rng.weighted(region.countries).timezone;
    const row: RepRow = {
      id,
      name: `${first} ${last}`,
      email: `${slug(first)}.${slug(last)}@${SELLER.domain}`,
      role,
      manager_id: managerId,
      region: region.name,
      timezone,
      quota: 0,
      hired_at: isoDate(hiredMs),
      created_at: iso(Math.floor(hiredMs / days(1)) * days(1)),
    };
    return { row, region, skill, hiredMs };
  };

  let repIndex = 0;
  for (const [m, region] of REGIONS.entries()) {
    const manager = member(`mgr_${pad(m + 1, 2)}`, "manager", region, null, nowMs - days(rng.int(1100, 3300)), 0.3);
    managers.push(manager);
    for (let k = 0; k < REPS_PER_REGION[region.id]; k += 1) {
      const isNew = newHires.has(repIndex);
      repIndex += 1;
      const tenureDays = isNew ? rng.int(200, 400) : rng.int(800, 2900);
      const skill = rng.normal(0, 0.45) + (isNew ? -0.3 : 0.05 * Math.log(tenureDays / 800));
      const rep = member(`rep_${pad(repIndex, 2)}`, "rep", region, manager.row.id, nowMs - days(tenureDays), skill);
      const fullQuota = roundTo(800_000 * rng.lognormal(0, 0.15) * (1 + 0.1 * skill), 10_000);
      rep.row.quota = isNew ? roundTo(fullQuota / 2, 10_000) : fullQuota;
      reps.push(rep);
    }
    manager.row.quota = reps.filter((r) => r.row.manager_id === manager.row.id).reduce((sum, r) => sum + r.row.quota, 0);
  }
  return { managers, reps };
}
