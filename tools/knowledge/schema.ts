import { z } from "zod";

/**
 * What the model may ask for. There is deliberately no audience field: who is asking comes from the tool
 * context (verified channel identity), and an `audience` key in the model's input is stripped.
 */
export const KnowledgeSearchInput = z.object({
  query: z.string().trim().min(2, "query is too short").max(500),
  k: z.number().int().min(1).max(10).default(5),
  /** A competitor id from the catalogue (tableau, looker, power_bi, qlik, domo) to narrow the search. */
  competitor: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_]+$/, "competitor must be an id such as power_bi")
    .optional(),
});
export type KnowledgeSearchInput = z.infer<typeof KnowledgeSearchInput>;

export interface KnowledgeSearchResult {
  /** 1-based citation number, in rank order. */
  n: number;
  source: string;
  title: string;
  heading: string;
  /** The document's public address, when it has one (an http source or a `url` in its front matter). */
  url?: string;
  text: string;
  score: number;
}
