import type { LeadSource, Seniority } from "./catalog.js";
import { clamp, sigmoid, type Prng } from "./prng.js";
import type { LeadRow } from "./types.js";

/**
 * The hidden process behind lead behaviour and conversion. Behaviour is drawn from a latent interest that
 * the counts reveal only noisily, and the outcome adds its own noise, so a model trained on the observable
 * columns lands well short of perfect (AUC around 0.8).
 */

const SOURCE_EFFECT: Record<LeadSource, number> = {
  referral: 0.9, partner: 0.6, chat: 0.4, event: 0.3, web_form: 0.3, webinar: 0.2, organic: 0, paid_search: -0.35, outbound: -0.9,
};

const SOURCE_TRAFFIC: Record<LeadSource, number> = {
  organic: 0.25, paid_search: 0.15, web_form: 0.2, chat: 0.2, webinar: 0, referral: 0, partner: -0.1, event: -0.2, outbound: -0.6,
};

const SENIORITY_EFFECT: Record<Seniority, number> = { c_level: 0.25, vp: 0.45, director: 0.35, manager: 0.1, individual: -0.35 };

/** The behaviour columns of a lead row. */
export type LeadBehaviour = Pick<
  LeadRow,
  "visits" | "page_views" | "minutes_on_site" | "email_opens" | "email_clicks" | "content_downloads" | "webinar_attended" | "demo_requested"
>;

export interface LeadEngagement {
  behaviour: LeadBehaviour;
  /** Days between the last touch and the outcome (or now, for open leads). */
  quietDays: number;
}

export function drawEngagement(rng: Prng, source: LeadSource, interest: number): LeadEngagement {
  const visits = rng.poisson(Math.exp(1.0 + 0.55 * interest + SOURCE_TRAFFIC[source])) + (source === "outbound" ? 0 : 1);
  const pageViews = visits + rng.poisson(visits * rng.uniform(1.2, 3.2));
  let minutes = 0;
  for (let v = 0; v < visits; v += 1) minutes += rng.lognormal(Math.log(2.4), 0.8);
  const opens = rng.poisson(Math.exp(1.1 + 0.45 * interest));
  const behaviour: LeadBehaviour = {
    visits,
    page_views: pageViews,
    minutes_on_site: Math.round(minutes * 100) / 100,
    email_opens: opens,
    email_clicks: rng.binomial(opens, sigmoid(-1.6 + 0.5 * interest)),
    content_downloads: rng.poisson(Math.exp(-0.7 + 0.45 * interest + (source === "organic" ? 0.3 : 0))),
    webinar_attended: source === "webinar" ? rng.bernoulli(0.8) : rng.bernoulli(sigmoid(-2.6 + 0.5 * interest)),
    demo_requested: rng.bernoulli(
      sigmoid(-2.1 + 0.85 * interest + (source === "web_form" || source === "chat" ? 0.6 : 0) - (source === "outbound" ? 0.8 : 0)),
    ),
  };
  return { behaviour, quietDays: clamp(rng.exponential(9 * Math.exp(-0.35 * interest)), 1 / 24, 120) };
}

export interface LeadFirmographics {
  source: LeadSource;
  seniority: Seniority;
  companySize: number;
}

/** Log-odds of conversion before the outcome noise. */
export function conversionLogit(f: LeadFirmographics, e: LeadEngagement, interest: number): number {
  const size = f.companySize;
  const sizeEffect = size < 50 ? -0.45 : size < 200 ? -0.1 : size <= 5000 ? 0.3 : 0.05;
  return (
    -2.7 +
    SOURCE_EFFECT[f.source] +
    0.9 * interest +
    SENIORITY_EFFECT[f.seniority] +
    sizeEffect +
    1.1 * Number(e.behaviour.demo_requested) +
    0.4 * Number(e.behaviour.webinar_attended) -
    0.035 * clamp(e.quietDays, 0, 60)
  );
}

export const OUTCOME_NOISE_SD = 0.4;
