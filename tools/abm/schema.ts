import { z } from "zod";

export const TargetAccountsInput = z
  .object({
    query: z.string().max(500).optional().describe("The request in the user's words, e.g. 'top 20 target accounts in retail'; sector, region and count are read from it when not given"),
    sectors: z.array(z.string().max(60).describe("A sector, e.g. retail")).max(20).optional().describe("Only accounts in these sectors (the ICP's industries)"),
    regions: z.array(z.string().max(60).describe("A region as the CRM names it")).max(20).optional().describe("Only accounts in these regions"),
    minEmployees: z.number().int().nonnegative().optional().describe("Smallest company size in the ICP"),
    maxEmployees: z.number().int().positive().optional().describe("Largest company size in the ICP"),
    includeCustomers: z.boolean().optional().describe("Also list current customers (expansion targets); default true"),
    limit: z.number().int().min(1).max(100).optional().describe("How many accounts to return (default 20)"),
  })
  .describe("The ideal customer profile to score accounts against; fit and intent are scored separately");
export type TargetAccountsInput = z.infer<typeof TargetAccountsInput>;

export const AccountPlaybookInput = z
  .object({
    account: z.string().min(1).max(300).describe("The account's name, or the request naming it, e.g. 'playbook for Pioneer Capital'"),
  })
  .describe("Which account to plan for");
export type AccountPlaybookInput = z.infer<typeof AccountPlaybookInput>;
