import { z } from "zod";

export const CatalogInput = z
  .discriminatedUnion("action", [
    z
      .object({ action: z.literal("list").describe("Return every product of the price list with its list price and the users it covers.") })
      .describe("List the price list."),
    z
      .object({
        action: z.literal("quote").describe("Work out what a team of a given size would pay, plan by plan, and which plan fits."),
        teamSize: z.number().int().min(1).max(1_000_000).describe("Number of people who would use the product (named users)."),
        productId: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(/^[A-Za-z0-9_.-]+$/, "productId must be a product id from the list action")
          .optional()
          .describe("Quote only this product (an id from the list action); omit to compare every plan."),
      })
      .describe("Quote plans for a team size, with the arithmetic."),
  ])
  .describe("The seller's price list: list the products, or quote plans for a team size with the arithmetic shown.");
export type CatalogInput = z.infer<typeof CatalogInput>;

/** A product as the tool shows it. */
export interface CatalogEntry {
  id: string;
  name: string;
  kind: "plan" | "add_on";
  listPrice: number;
  billing: string;
  /** "per_user": the list price is per user; "package": it covers up to `includedUsers` users. */
  basis: "per_user" | "package";
  includedUsers: number | null;
  description: string;
}

export interface PlanQuote {
  product: CatalogEntry;
  /** Whether the team fits the plan; undefined when the catalogue does not say how many users it covers. */
  fits: boolean | undefined;
  /** What the team would pay per billing period at list price. */
  total: number;
  /** What that is per user. */
  perUser: number;
}

/** Published documents that supplied facts the price list lacks (user counts), to cite. */
export interface CatalogEvidence {
  title: string;
  source: string;
}

export type CatalogOutput =
  | { action: "list"; currency: string; products: CatalogEntry[]; evidence: CatalogEvidence[] }
  | {
      action: "quote";
      currency: string;
      teamSize: number;
      /** The cheapest plan the team fits, when one does. */
      recommended?: PlanQuote;
      options: PlanQuote[];
      /** The arithmetic in words, one sentence per plan considered. */
      explanation: string[];
      evidence: CatalogEvidence[];
    };
