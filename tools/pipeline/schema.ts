import { z } from "zod";

/** Inputs of the pipeline tools, as a model or a node sends them. */
const Name = z.string().trim().min(1).max(200);

export const PipelineReviewInput = z.object({
  /** The question as asked; regions, managers, reps and a period named in it are resolved fuzzily. */
  query: z.string().max(2000).optional(),
  period: z.string().max(40).optional(),
  region: Name.optional(),
  manager: Name.optional(),
  rep: Name.optional(),
  limit: z.number().int().min(1).max(50).default(10),
});
export type PipelineReviewInput = z.input<typeof PipelineReviewInput>;

export const DealPredictionsInput = z.object({
  /** Free text naming an account or deal ("the Globex renewal"); without it, every open deal. */
  query: z.string().max(2000).optional(),
  dealIds: z.array(z.string().max(100)).max(100).optional(),
  /** Adds each deal's chance to close won within this period. */
  period: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(100).default(10),
});
export type DealPredictionsInput = z.input<typeof DealPredictionsInput>;
