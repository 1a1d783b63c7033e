import { z } from "zod";
import { CONTENT_CHANNELS, CONTENT_EVENT_TYPES } from "../../src/core/content.js";
import { RecipientRef } from "../outreach/schema.js";

export const GenerateContentInput = z
  .object({
    segment: z.string().trim().min(1).max(80).describe("The audience segment by name, e.g. 'Enterprise prospects' or 'Key accounts' (see segment_insight)"),
    channel: z
      .enum(CONTENT_CHANNELS)
      .describe("email (subject + body), subject (subject lines only), sms (one segment, with opt-out), linkedin (post), ad (search ad headlines and descriptions) or follow_up (email about a deal)"),
    objective: z.string().trim().min(3).max(300).describe("What the copy should achieve or is about, e.g. 'invite them to the Q1 webinar'"),
    offer: z.string().trim().min(3).max(200).optional().describe("An offer or deadline to use, exactly as it may be promised, e.g. '20% off annual plans until March 31'"),
    facts: z.array(z.string().trim().min(3).max(300).describe("One fact, as it may be stated")).max(5).optional().describe("Extra facts the copy may use (each is cited)"),
    deal: z.string().trim().min(2).max(120).optional().describe("For follow_up: the CRM deal id or deal/account name"),
  })
  .describe("A request for three A/B/C variants of campaign or follow-up copy");
export type GenerateContentInput = z.infer<typeof GenerateContentInput>;

export const ContentReportInput = z
  .object({
    experimentId: z.string().trim().min(3).max(64).describe("The experiment id returned when the variants were generated (exp_…)"),
    method: z.enum(["z", "bayes"]).default("z").describe("z = two-proportion z-tests with Holm correction (default); bayes = probability to beat ≥ 0.95"),
  })
  .describe("An experiment whose results to report");
export type ContentReportInput = z.infer<typeof ContentReportInput>;

export const ContentEventInput = z
  .object({
    type: z.enum(CONTENT_EVENT_TYPES).describe("What happened to the variant: sent, delivered, opened, clicked, converted or unsubscribed"),
    eventId: z.string().trim().min(1).max(200).describe("The sender's unique id for this event; repeating it records nothing new"),
    recipient: z.string().trim().min(1).max(200).optional().describe("Who it happened to (a CRM id or a hashed address), optional"),
    at: z.iso.datetime({ offset: true }).optional().describe("When it happened (ISO 8601); default now"),
  })
  .describe("One outcome event of a content variant");
export type ContentEventInput = z.infer<typeof ContentEventInput>;

export const SendContentInput = z
  .object({
    experimentId: z.string().trim().min(3).max(64).optional().describe("Send the variant Thompson sampling picks from this experiment (exp_…)"),
    variantId: z.string().trim().min(3).max(80).optional().describe("Or send this exact variant (exp_…-A)"),
    to: RecipientRef,
  })
  .refine((v) => v.experimentId !== undefined || v.variantId !== undefined, { message: "give experimentId or variantId" })
  .describe("Send one email or SMS variant to a CRM contact or lead (after approval when required)");
export type SendContentInput = z.infer<typeof SendContentInput>;
