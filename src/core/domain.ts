/** The public intent contract (DESIGN.md). Evaluations use these exact names. */
export const INTENTS = [
  "product_question",
  "pricing",
  "demo_request",
  "support",
  "human_handoff",
  "opt_out",
  "deal_insight",
  "pipeline_review",
  "lead_insight",
  "segment_insight",
  "competitive_intel",
  "content_request",
  "call_transcript",
  "smalltalk",
] as const;
export type Intent = (typeof INTENTS)[number];

/** Intents a prospect may reach. Everything else needs a verified internal identity. */
export const PROSPECT_INTENTS: readonly Intent[] = [
  "product_question",
  "pricing",
  "demo_request",
  "support",
  "human_handoff",
  "opt_out",
  "competitive_intel",
  "smalltalk",
];

export const ROLES = ["prospect", "rep", "manager"] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ["web", "sms", "slack", "teams", "cli", "api"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Actor {
  /** Channel identity: web visitor id, phone number, Slack user id, Teams AAD id, CLI user. */
  id: string;
  role: Role;
  tenant: string;
}

export function isIntent(value: unknown): value is Intent {
  return typeof value === "string" && (INTENTS as readonly string[]).includes(value);
}

export function isInternal(actor: Pick<Actor, "role">): boolean {
  return actor.role === "rep" || actor.role === "manager";
}
