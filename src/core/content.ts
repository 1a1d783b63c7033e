/**
 * Content experiments as the rest of the product sees them: generated variants, the events recorded against
 * them (sent … converted) and the experiment that groups three variants. The store is implemented in
 * src/infra/postgres/content-repo.ts and injected into tools/content by the composition root.
 */
export const CONTENT_CHANNELS = ["email", "subject", "sms", "linkedin", "ad", "follow_up"] as const;
export type ContentChannel = (typeof CONTENT_CHANNELS)[number];

export const CONTENT_ANGLES = ["value", "proof", "urgency", "question"] as const;
export type ContentAngle = (typeof CONTENT_ANGLES)[number];

export const CONTENT_EVENT_TYPES = ["sent", "delivered", "opened", "clicked", "converted", "unsubscribed"] as const;
export type ContentEventType = (typeof CONTENT_EVENT_TYPES)[number];

export const CONTENT_METRICS = ["open", "click", "conversion"] as const;
export type ContentMetric = (typeof CONTENT_METRICS)[number];

/** A fact a variant was written from, kept so a reviewer can check it. */
export interface ContentSource {
  n: number;
  kind: "knowledge" | "segment" | "offer" | "input" | "crm";
  ref: string;
  text: string;
}

export interface Prediction {
  metric: ContentMetric;
  value: number;
  low: number;
  high: number;
  /** Which model produced it: the built-in prior, the marketing-campaign prior, or one trained on outcomes. */
  basis: "built-in prior" | "fitted prior" | "trained";
}

export interface StoredVariant {
  id: string;
  experimentId: string;
  label: string;
  channel: ContentChannel;
  angle: ContentAngle;
  subject?: string;
  text: string;
  headlines?: string[];
  descriptions?: string[];
  predicted: Prediction[];
  sources: ContentSource[];
}

export interface Experiment {
  id: string;
  name: string;
  segment: string;
  channel: ContentChannel;
  objective: string;
  metric: ContentMetric;
  minSample: number;
  createdBy: string;
  createdAt: Date;
}

export interface VariantCounts {
  variantId: string;
  label: string;
  angle: ContentAngle;
  counts: Record<ContentEventType, number>;
}

export type RecordEventResult = { status: "recorded" } | { status: "duplicate" } | { status: "conflict"; detail: string } | { status: "not_found" };

/** Outcomes of past variants in one channel, for training the performance model. */
export interface VariantOutcome {
  channel: ContentChannel;
  segment: string;
  text: string;
  subject?: string;
  counts: Record<ContentEventType, number>;
}

export interface ContentStore {
  saveExperiment(experiment: Experiment, variants: StoredVariant[]): Promise<void>;
  experiment(id: string): Promise<Experiment | undefined>;
  variants(experimentId: string): Promise<StoredVariant[]>;
  variant(id: string): Promise<StoredVariant | undefined>;
  /** Idempotent by event id: the same id again is a duplicate; the same id for another variant or type is a conflict. */
  recordEvent(event: { eventId: string; variantId: string; type: ContentEventType; recipient?: string; at: Date }): Promise<RecordEventResult>;
  counts(experimentId: string): Promise<VariantCounts[]>;
  outcomes(channel: ContentChannel): Promise<VariantOutcome[]>;
}
