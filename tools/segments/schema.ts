import { z } from "zod";

export const SegmentInsightInput = z
  .object({
    query: z
      .string()
      .max(2000)
      .optional()
      .describe("The question as asked; an account named in it selects that account's segment view. Omit both fields for every segment's profile."),
    account: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("A CRM account name, e.g. 'Greystone Stores', for its segment, migration risk and retention actions."),
    atRisk: z
      .boolean()
      .optional()
      .describe("true for churn or migration-risk questions without an account ('who is at risk of churning?'): the accounts most likely to move down, with reasons. Implied by such words in the query."),
    limit: z.number().int().min(1).max(50).default(10).describe("Most at-risk accounts to list (1-50, default 10)."),
  })
  .describe("Segment profiles for all accounts, or the segment of one account.");
export type SegmentInsightInput = z.input<typeof SegmentInsightInput>;
