import { z } from "zod";

const slot = z.string().trim().min(1).max(400).optional();

export const LeadSlots = z.object({
  name: slot, email: z.string().trim().email().max(254).optional(), phone: z.string().regex(/^\+\d{8,15}$/).optional(),
  company: slot, role: slot, budget: slot, authority: slot, need: slot, timeline: slot,
});
export type LeadSlots = z.infer<typeof LeadSlots>;

/** No lead id field: the lead written is always the caller's own, found by the conversation in the context. */
export const CaptureLeadInput = LeadSlots.extend({ demoRequested: z.boolean().optional() });
export type CaptureLeadInput = z.infer<typeof CaptureLeadInput>;
