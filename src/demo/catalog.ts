/**
 * The fictional seller behind the demo: Helix Data, B2B analytics software. The knowledge base, the pricing
 * answers and the demo CRM all describe this one catalogue, so it is the single source for all of them.
 */

export const SELLER = {
  name: "Helix Data",
  domain: "helixdata.example",
  website: "https://www.helixdata.example",
  salesEmail: "sales@helixdata.example",
  supportEmail: "support@helixdata.example",
  tagline: "Analytics your whole company can trust.",
  currency: "USD",
} as const;

export type ProductId =
  | "prod_core"
  | "prod_pro"
  | "prod_enterprise"
  | "prod_connect"
  | "prod_insights_ai"
  | "prod_governance";

export interface Product {
  id: ProductId;
  name: string;
  /** Plans are Core, Pro and Enterprise; everything else is an add-on bought on top of a plan. */
  series: "Core" | "Pro" | "Enterprise" | "Add-on";
  kind: "plan" | "add_on";
  /** Price per year in USD for the package as listed; larger deployments are quoted from it. */
  list_price: number;
  billing: "annual";
  description: string;
  /** Named users in the package (plans only; add-ons cover the users of the plan they extend). */
  included_users: number | null;
  /** Plans an add-on can be bought with. */
  requires: ProductId[];
  features: string[];
  support: string;
}

export const PRODUCTS: readonly Product[] = [
  {
    id: "prod_core",
    name: "Helix Core",
    series: "Core",
    kind: "plan",
    list_price: 12_000,
    billing: "annual",
    description: "Self-service dashboards and scheduled reports for a team getting started with analytics.",
    included_users: 25,
    requires: [],
    features: [
      "drag-and-drop dashboards and charts",
      "scheduled email and PDF reports",
      "10 built-in connectors (CSV, Excel, Google Sheets, PostgreSQL, MySQL and others)",
      "daily data refresh",
    ],
    support: "email support, business hours",
  },
  {
    id: "prod_pro",
    name: "Helix Pro",
    series: "Pro",
    kind: "plan",
    list_price: 36_000,
    billing: "annual",
    description: "A governed semantic layer, alerts and embedded analytics for growing data teams.",
    included_users: 100,
    requires: [],
    features: [
      "everything in Helix Core",
      "semantic layer with shared metric definitions",
      "threshold and anomaly alerts to email, Slack and Teams",
      "embedded dashboards for customer-facing apps",
      "single sign-on (SAML) and hourly data refresh",
    ],
    support: "24/5 chat and email support",
  },
  {
    id: "prod_enterprise",
    name: "Helix Enterprise",
    series: "Enterprise",
    kind: "plan",
    list_price: 95_000,
    billing: "annual",
    description: "Company-wide analytics with dedicated infrastructure, SCIM, audit logs and a 99.9% uptime SLA.",
    included_users: 500,
    requires: [],
    features: [
      "everything in Helix Pro",
      "dedicated single-tenant deployment in your cloud region",
      "SCIM user provisioning and audit logs",
      "99.9% uptime SLA",
      "named customer success manager",
    ],
    support: "24/7 phone, chat and email support",
  },
  {
    id: "prod_connect",
    name: "Helix Connect",
    series: "Add-on",
    kind: "add_on",
    list_price: 9_000,
    billing: "annual",
    description: "Managed connectors to 200+ SaaS applications, databases and warehouses with incremental sync.",
    included_users: null,
    requires: ["prod_core", "prod_pro", "prod_enterprise"],
    features: ["200+ managed connectors", "incremental sync every 15 minutes", "schema change alerts"],
    support: "as the plan it extends",
  },
  {
    id: "prod_insights_ai",
    name: "Helix Insights AI",
    series: "Add-on",
    kind: "add_on",
    list_price: 18_000,
    billing: "annual",
    description: "Ask questions in plain language, get anomaly explanations and automated insight summaries.",
    included_users: null,
    requires: ["prod_pro", "prod_enterprise"],
    features: ["natural-language questions over governed metrics", "anomaly explanations", "weekly insight digests"],
    support: "as the plan it extends",
  },
  {
    id: "prod_governance",
    name: "Helix Governance",
    series: "Add-on",
    kind: "add_on",
    list_price: 24_000,
    billing: "annual",
    description: "Data lineage, certified metrics, row-level security policies and periodic access reviews.",
    included_users: null,
    requires: ["prod_pro", "prod_enterprise"],
    features: ["column-level lineage", "certified metrics and datasets", "row-level security policies", "access reviews"],
    support: "as the plan it extends",
  },
];

export function productById(id: ProductId): Product {
  const product = PRODUCTS.find((p) => p.id === id);
  if (!product) throw new RangeError(`unknown product ${id}`);
  return product;
}

export interface Competitor {
  id: "tableau" | "looker" | "power_bi" | "qlik" | "domo";
  name: string;
  vendor: string;
}

export const COMPETITORS: readonly Competitor[] = [
  { id: "tableau", name: "Tableau", vendor: "Salesforce" },
  { id: "looker", name: "Looker", vendor: "Google Cloud" },
  { id: "power_bi", name: "Power BI", vendor: "Microsoft" },
  { id: "qlik", name: "Qlik", vendor: "Qlik" },
  { id: "domo", name: "Domo", vendor: "Domo" },
];

export interface Country {
  name: string;
  code: string;
  timezone: string;
  /** E.164 pattern; each X is a random digit. North American, UK and Australian numbers use ranges set aside for fiction. */
  phone: string;
}

export type RegionId = "na_east" | "na_central" | "na_west" | "emea" | "apac";

export interface Region {
  id: RegionId;
  name: string;
  timezone: string;
  /** Rough offset of the region's working day, for placing meetings in office hours. */
  utcOffset: number;
  countries: readonly (readonly [Country, number])[];
}

const us = (timezone: string, areaCodes: readonly string[]): Country[] =>
  areaCodes.map((area) => ({ name: "United States", code: "US", timezone, phone: `+1${area}55501XX` }));

function spread(countries: readonly Country[], weight: number): (readonly [Country, number])[] {
  return countries.map((c) => [c, weight / countries.length] as const);
}

export const REGIONS: readonly Region[] = [
  {
    id: "na_east",
    name: "North America East",
    timezone: "America/New_York",
    utcOffset: -5,
    countries: [
      ...spread(us("America/New_York", ["212", "617", "646", "404", "305", "215", "202"]), 0.85),
      [{ name: "Canada", code: "CA", timezone: "America/Toronto", phone: "+141655501XX" }, 0.15],
    ],
  },
  {
    id: "na_central",
    name: "North America Central",
    timezone: "America/Chicago",
    utcOffset: -6,
    countries: [
      ...spread(us("America/Chicago", ["312", "214", "512", "612", "314", "713"]), 0.85),
      [{ name: "Mexico", code: "MX", timezone: "America/Mexico_City", phone: "+5255XXXXXXXX" }, 0.15],
    ],
  },
  {
    id: "na_west",
    name: "North America West",
    timezone: "America/Los_Angeles",
    utcOffset: -8,
    countries: [
      ...spread(us("America/Los_Angeles", ["415", "206", "310", "503", "858", "408"]), 0.88),
      [{ name: "Canada", code: "CA", timezone: "America/Vancouver", phone: "+160455501XX" }, 0.12],
    ],
  },
  {
    id: "emea",
    name: "EMEA",
    timezone: "Europe/London",
    utcOffset: 1,
    countries: [
      [{ name: "United Kingdom", code: "GB", timezone: "Europe/London", phone: "+447700900XXX" }, 0.3],
      [{ name: "Germany", code: "DE", timezone: "Europe/Berlin", phone: "+4930XXXXXXXX" }, 0.2],
      [{ name: "France", code: "FR", timezone: "Europe/Paris", phone: "+331XXXXXXXX" }, 0.13],
      [{ name: "Netherlands", code: "NL", timezone: "Europe/Amsterdam", phone: "+3120XXXXXXX" }, 0.1],
      [{ name: "Sweden", code: "SE", timezone: "Europe/Stockholm", phone: "+468XXXXXXX" }, 0.07],
      [{ name: "Spain", code: "ES", timezone: "Europe/Madrid", phone: "+3491XXXXXXX" }, 0.07],
      [{ name: "Ireland", code: "IE", timezone: "Europe/Dublin", phone: "+3531XXXXXXX" }, 0.06],
      [{ name: "United Arab Emirates", code: "AE", timezone: "Asia/Dubai", phone: "+9714XXXXXXX" }, 0.07],
    ],
  },
  {
    id: "apac",
    name: "APAC",
    timezone: "Asia/Singapore",
    utcOffset: 8,
    countries: [
      [{ name: "Singapore", code: "SG", timezone: "Asia/Singapore", phone: "+656XXXXXXX" }, 0.25],
      [{ name: "Australia", code: "AU", timezone: "Australia/Sydney", phone: "+6125550XXXX" }, 0.3],
      [{ name: "Japan", code: "JP", timezone: "Asia/Tokyo", phone: "+813XXXXXXXX" }, 0.2],
      [{ name: "India", code: "IN", timezone: "Asia/Kolkata", phone: "+9180XXXXXXXX" }, 0.15],
      [{ name: "New Zealand", code: "NZ", timezone: "Pacific/Auckland", phone: "+649XXXXXXX" }, 0.1],
    ],
  },
];

export function regionById(id: RegionId): Region {
  const region = REGIONS.find((r) => r.id === id);
  if (!region) throw new RangeError(`unknown region ${id}`);
  return region;
}

export const SECTORS = [
  "software",
  "retail",
  "finance",
  "healthcare",
  "manufacturing",
  "telecom",
  "energy",
  "education",
  "media",
  "logistics",
] as const;
export type Sector = (typeof SECTORS)[number];

export const LEAD_SOURCES = [
  "web_form",
  "organic",
  "paid_search",
  "referral",
  "event",
  "webinar",
  "outbound",
  "partner",
  "chat",
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const OPEN_STAGES = ["prospecting", "qualification", "proposal", "negotiation"] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];
export type DealStage = OpenStage | "won" | "lost";

export const SENIORITIES = ["c_level", "vp", "director", "manager", "individual"] as const;
export type Seniority = (typeof SENIORITIES)[number];
