import { z } from "zod";

const slot = (what: string) => z.string().trim().min(1).max(400).optional().describe(what);

export const LeadSlots = z.object({
  name: slot("The prospect's name as they gave it."),
  email: z.string().trim().email().max(254).optional().describe("The prospect's email address, e.g. jane@acme.com."),
  phone: z.string().regex(/^\+\d{8,15}$/).optional().describe("The prospect's phone in E.164 form, e.g. +14155550100."),
  company: slot("The company the prospect works for."),
  role: slot("Their job title or role, e.g. 'Head of Analytics'."),
  budget: slot("Budget as they stated it, e.g. '$50k a year'."),
  authority: slot("Who decides the purchase, in their words, e.g. 'I sign off' or 'our CFO'."),
  need: slot("The problem they want to solve, in their words."),
  timeline: slot("When they want to start or decide, e.g. 'this quarter'."),
});
export type LeadSlots = z.infer<typeof LeadSlots>;

/** No lead id field: the lead written is always the caller's own, found by the conversation in the context. */
export const CaptureLeadInput = LeadSlots.extend({
  demoRequested: z.boolean().optional().describe("True when the prospect asked for a demo."),
}).describe("Only details the prospect stated in this conversation; omit every field they did not give.");
export type CaptureLeadInput = z.infer<typeof CaptureLeadInput>;
