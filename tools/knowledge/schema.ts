import { z } from "zod";

/**
 * What the model may ask for. There is deliberately no audience field: who is asking comes from the tool
 * context (verified channel identity), and an `audience` key in the model's input is stripped.
 */
export const KnowledgeSearchInput = z
  .object({
    query: z
      .string()
      .trim()
      .min(2, "query is too short")
      .max(500)
      .describe("What to look for, in a few words, e.g. 'SOC 2 report', 'Helix Pro list price', 'Snowflake connector'."),
    k: z.number().int().min(1).max(10).default(5).describe("How many passages to return (1-10, default 5)."),
    competitor: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9_]+$/, "competitor must be an id such as power_bi")
      .optional()
      .describe("Narrow to one competitor's comparison material: tableau, looker, power_bi, qlik or domo. Omit otherwise."),
  })
  .describe("A search of the knowledge base.");
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
