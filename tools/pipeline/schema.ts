import { z } from "zod";

/** Inputs of the pipeline tools, as a model or a node sends them. */
const Name = z.string().trim().min(1).max(200);

const Period = z
  .string()
  .max(40)
  .optional()
  .describe("Forecast period: 'this quarter' (default), 'next quarter', 'this month', 'next month', '2026-Q4', 'Q1 2027', 'december' or '2026-12'.");

export const PipelineReviewInput = z.object({
  query: z
    .string()
    .max(2000)
    .optional()
    .describe("The question as asked; a region, manager, rep and period named in it are resolved fuzzily, e.g. 'EMEA pipeline next quarter'."),
  period: Period,
  region: Name.optional().describe("Limit to one region: 'North America East', 'North America Central', 'North America West', 'EMEA' or 'APAC'."),
  manager: Name.optional().describe("Limit to a manager's team, by the manager's name, e.g. 'Jasmine Park'."),
  rep: Name.optional().describe("Limit to one rep's deals, by name, e.g. 'Ines Quinn'. Omit region, manager and rep for the whole team."),
  /** The asker's own region (their stored preference), used when neither the query nor the fields name a scope. */
  defaultRegion: Name.optional().describe("The asker's own region from what they told us before; used only when nothing else names a scope."),
  limit: z.number().int().min(1).max(50).default(10).describe("Most at-risk and slipping deals to list (1-50, default 10)."),
}).describe("Whose pipeline to review and for which forecast period.");
export type PipelineReviewInput = z.input<typeof PipelineReviewInput>;

export const DealPredictionsInput = z.object({
  query: z
    .string()
    .max(2000)
    .optional()
    .describe("Text naming the account or deal, e.g. 'Apex Telecom' or 'the Lodestar Studios deal'; omit (with dealIds) for every open deal."),
  dealIds: z.array(z.string().max(100)).max(100).optional().describe("CRM deal ids (deal_…) from an earlier result, instead of query."),
  period: Period.describe("Adds each deal's chance to close won within this period, e.g. 'this quarter' or '2026-Q4'; omit for none."),
  limit: z.number().int().min(1).max(100).default(10).describe("Most deals to return (1-100, default 10)."),
}).describe("Which open deals to predict: close probability, close date, size, risks and next best actions.");
export type DealPredictionsInput = z.input<typeof DealPredictionsInput>;
