import { z } from "zod";

export const SegmentInsightInput = z.object({
  /** The question as asked; an account named in it selects the membership view. */
  query: z.string().max(2000).optional(),
  account: z.string().trim().min(1).max(200).optional(),
});
export type SegmentInsightInput = z.input<typeof SegmentInsightInput>;
