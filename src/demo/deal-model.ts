import type { OpenStage, ProductId, Sector } from "./catalog.js";
import { clamp, type Prng } from "./prng.js";

/**
 * The hidden process behind deal outcomes and timing. Win odds depend on product, sector, account size,
 * rep skill, account fit, discount, activity intensity and cycle length, plus noise none of them explains.
 */

/** Median days from engagement to a won close, by product. */
export const CYCLE_MEDIAN_DAYS: Record<ProductId, number> = {
  prod_core: 28,
  prod_pro: 55,
  prod_enterprise: 110,
  prod_connect: 21,
  prod_insights_ai: 35,
  prod_governance: 45,
};
export const CYCLE_SIGMA = 0.5;

const PRODUCT_WIN: Record<ProductId, number> = {
  prod_core: 0.35, prod_pro: 0, prod_enterprise: -0.45, prod_connect: 0.7, prod_insights_ai: 0.25, prod_governance: 0.15,
};

const SECTOR_WIN: Record<Sector, number> = {
  software: 0.35, finance: 0.15, media: 0.1, telecom: 0.05, retail: 0, logistics: 0, manufacturing: -0.05,
  healthcare: -0.15, energy: -0.3, education: -0.4,
};

/** Typical share of a won cycle spent in each open stage. */
export const STAGE_SHARE: Record<OpenStage, number> = { prospecting: 0.15, qualification: 0.25, proposal: 0.3, negotiation: 0.3 };

export interface WinDrivers {
  product: ProductId;
  sector: Sector;
  employees: number;
  repSkill: number;
  accountFit: number;
  discount: number;
  /** Standardised activity intensity; activities per week grow with exp(0.5 × it). */
  activity: number;
  cycleDays: number;
  fromLead: boolean;
}

export function winLogit(d: WinDrivers): number {
  const size = d.employees < 100 ? -0.2 : d.employees <= 5000 ? 0.15 : d.employees <= 20_000 ? 0 : -0.25;
  const discount = 2.5 * Math.min(d.discount, 0.2) - 4 * Math.max(0, d.discount - 0.2);
  const slowness = Math.log(d.cycleDays / CYCLE_MEDIAN_DAYS[d.product]);
  return (
    -0.75 +
    PRODUCT_WIN[d.product] +
    SECTOR_WIN[d.sector] +
    size +
    d.repSkill +
    0.35 * d.accountFit +
    0.8 * d.activity +
    discount -
    0.7 * slowness +
    (d.fromLead ? 0.3 : 0)
  );
}

export const WIN_NOISE_SD = 0.4;

export function drawCycleDays(rng: Prng, product: ProductId): number {
  return clamp(rng.lognormal(Math.log(CYCLE_MEDIAN_DAYS[product]), CYCLE_SIGMA), 5, 365);
}

export function drawDiscount(rng: Prng, product: ProductId): number {
  return clamp(rng.normal(product === "prod_enterprise" ? 0.16 : 0.12, 0.07), 0, 0.4);
}

/** Activities per week a deal receives, before Poisson noise. */
export function activityRate(product: ProductId, activity: number): number {
  const base = product === "prod_enterprise" ? 1.0 : product === "prod_pro" ? 0.85 : 0.75;
  return base * Math.exp(0.5 * activity);
}

/** Days spent in each open stage of a cycle of the given length, with noisy shares. */
export function stageDurations(rng: Prng, cycleDays: number): Record<OpenStage, number> {
  const raw = {
    prospecting: STAGE_SHARE.prospecting * rng.lognormal(0, 0.35),
    qualification: STAGE_SHARE.qualification * rng.lognormal(0, 0.35),
    proposal: STAGE_SHARE.proposal * rng.lognormal(0, 0.35),
    negotiation: STAGE_SHARE.negotiation * rng.lognormal(0, 0.35),
  };
  const total = raw.prospecting + raw.qualification + raw.proposal + raw.negotiation;
  return {
    prospecting: (raw.prospecting / total) * cycleDays,
    qualification: (raw.qualification / total) * cycleDays,
    proposal: (raw.proposal / total) * cycleDays,
    negotiation: (raw.negotiation / total) * cycleDays,
  };
}
