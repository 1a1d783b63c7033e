import { z } from "zod";

export const CAMPAIGN_CHANNELS = ["email", "sms", "rep_alert", "task"] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

/** A campaign as an operator writes it (YAML or JSON): objective, audience, channels, timeline and caps. */
export const CampaignSpec = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lower-case letters, digits, - and _"),
    name: z.string().min(1).max(200),
    objective: z.string().min(3).max(500),
    /** Segment labels (as `segments show` prints them) or sectors; an account in any of them is in the audience. */
    segments: z.array(z.string().min(1)).min(1),
    channels: z.array(z.enum(CAMPAIGN_CHANNELS)).min(1),
    start: z.coerce.date(),
    /** Length of the campaign; the email/SMS cadence is spread over it. */
    days: z.number().int().min(1).max(120).default(14),
    /** Marketing messages per contact across every campaign and playbook. */
    frequencyCap: z.object({ max: z.number().int().positive(), perDays: z.number().positive() }).strict().default({ max: 2, perDays: 7 }),
    /** Contacts per account, most senior first. */
    contactsPerAccount: z.number().int().min(1).max(20).default(3),
    /** Send hour (UTC) for messages to contacts. */
    sendHourUtc: z.number().int().min(0).max(23).default(14),
  })
  .strict();
export type CampaignSpec = z.infer<typeof CampaignSpec>;

export const CampaignTouchInput = z
  .object({
    contactId: z.string().min(1),
    channel: z.string().min(1),
    kind: z.enum(["delivered", "opened", "clicked", "replied", "meeting", "converted"]),
    at: z.coerce.date(),
    sendId: z.string().optional(),
  })
  .strict();
