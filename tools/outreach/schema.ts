import { z } from "zod";

/** A CRM person, by id or by name: follow-ups go only to addresses the CRM holds, never one the model wrote. */
export const RecipientRef = z
  .object({
    id: z.string().trim().min(1).max(64).optional().describe("CRM contact id (con_…) or lead id (lead_…), when known"),
    name: z.string().trim().min(2).max(120).optional().describe("The person's full name as the CRM records it, when the id is not known"),
    company: z.string().trim().min(1).max(120).optional().describe("Their company, to tell apart people with the same name"),
  })
  .refine((r) => r.id !== undefined || r.name !== undefined, { message: "to: give the CRM id or the name of the person" })
  .describe("Who receives the follow-up: a contact or lead of the CRM");

export const SendFollowUpInput = z
  .object({
    channel: z.enum(["email", "sms"]).describe("email (to the CRM email address) or sms (to the CRM phone number)"),
    to: RecipientRef,
    subject: z.string().trim().min(1).max(200).optional().describe("Email subject line; not used for SMS"),
    body: z.string().trim().min(1).max(5000).describe("The message exactly as it should reach the person"),
    dealId: z.string().trim().min(1).max(64).optional().describe("The deal this follow-up is about, logged with the activity"),
  })
  .describe("A follow-up message to a prospect, sent after approval when approvals are required");
export type SendFollowUpInput = z.infer<typeof SendFollowUpInput>;

export const DealRefInput = z
  .object({
    id: z.string().trim().min(1).max(64).optional().describe("CRM deal id (deal_…), when known"),
    name: z.string().trim().min(2).max(200).optional().describe("The deal's or the account's name, e.g. 'Globex renewal' or 'Globex'"),
  })
  .refine((d) => d.id !== undefined || d.name !== undefined, { message: "deal: give the deal id or a deal/account name" })
  .describe("The CRM deal, by id or by name");

export const LogCrmNoteInput = z
  .object({
    deal: DealRefInput,
    note: z.string().trim().min(1).max(2000).describe("The note to record on the deal, as it should read in the CRM"),
  })
  .describe("A note logged as an activity on a CRM deal");
export type LogCrmNoteInput = z.infer<typeof LogCrmNoteInput>;

export const UpdateDealNextStepInput = z
  .object({
    deal: DealRefInput,
    nextStep: z.string().trim().min(1).max(500).describe("The deal's new next step, e.g. 'Send the security questionnaire by Friday'"),
  })
  .describe("A new next step for a CRM deal (replaces the one on record)");
export type UpdateDealNextStepInput = z.infer<typeof UpdateDealNextStepInput>;

/** The schema each approval action's edits are validated with (the tool's own input schema). */
export const APPROVAL_SCHEMAS = {
  send_follow_up: SendFollowUpInput,
  log_crm_note: LogCrmNoteInput,
  update_deal_next_step: UpdateDealNextStepInput,
} as const;
