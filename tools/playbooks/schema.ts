import { z } from "zod";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM");

/** Where a value is read from an event: a top-level field (`type`, `contactId`…) or `data.<path>`. */
const FieldPath = z.string().min(1).max(100);

const Condition = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.object({ in: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
  z.object({ gte: z.number().optional(), lte: z.number().optional(), gt: z.number().optional(), lt: z.number().optional() }).strict(),
]);

export const PlaybookAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("notify_rep"), message: z.string().min(1).max(2000) }).strict(),
  z.object({ type: z.literal("send_content"), channel: z.enum(["email", "sms"]), subject: z.string().max(200).optional(), body: z.string().min(1).max(4000) }).strict(),
  z.object({ type: z.literal("create_task"), title: z.string().min(1).max(300), dueInDays: z.number().int().min(0).max(365).default(2) }).strict(),
  z.object({ type: z.literal("change_segment"), segment: z.string().min(1).max(100) }).strict(),
]);
export type PlaybookAction = z.infer<typeof PlaybookAction>;

export const Playbook = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lower-case letters, digits, - and _"),
    /** Bumped whenever the rule changes; every firing records it. */
    version: z.number().int().positive(),
    description: z.string().max(500).optional(),
    enabled: z.boolean().default(true),
    trigger: z.object({ event: z.string().min(1).max(100), where: z.record(FieldPath, Condition).default({}) }).strict(),
    criteria: z
      .object({
        /** Thresholds on event fields, e.g. `data.leadScore: { gte: 70 }`. */
        thresholds: z.record(FieldPath, Condition).default({}),
        /** The event's account must be in one of these segments (labels as `segments show` prints them). */
        segments: z.array(z.string()).optional(),
        /** Consent (per contact) is required for any action that reaches the contact; on by default. */
        requireConsent: z.boolean().default(true),
        quietHours: z.object({ start: clock, end: clock, timeZone: z.string().default("UTC") }).strict().optional(),
        frequencyCap: z.object({ max: z.number().int().positive(), perDays: z.number().positive() }).strict().optional(),
      })
      .strict()
      .default({ thresholds: {}, requireConsent: true }),
    actions: z.array(PlaybookAction).min(1),
  })
  .strict();
export type Playbook = z.infer<typeof Playbook>;

export const PlaybooksConfig = z
  .object({ playbooks: z.array(Playbook) })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    for (const [i, p] of c.playbooks.entries()) {
      if (seen.has(p.id)) ctx.addIssue({ code: "custom", path: ["playbooks", i, "id"], message: `duplicate playbook id ${p.id}` });
      seen.add(p.id);
    }
  });
export type PlaybooksConfig = z.infer<typeof PlaybooksConfig>;

/** A product event: a chat turn, a form or web event (POST /api/events), a CRM change, a transcript. */
export const MarketingEvent = z
  .object({
    /** The idempotency key: the same id delivered twice is one event. */
    id: z.string().min(1).max(200),
    type: z.string().min(1).max(100),
    occurredAt: z.coerce.date(),
    contactId: z.string().max(100).optional(),
    accountId: z.string().max(100).optional(),
    data: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type MarketingEvent = z.infer<typeof MarketingEvent>;
