import { z } from "zod";

export const CustomerProfileInput = z
  .object({
    query: z.string().max(500).optional().describe("The request in the user's words, or an account or contact name, e.g. 'tell me everything about Pioneer Capital'"),
    accountId: z.string().max(100).optional().describe("An account id from the CRM, when known exactly"),
    contactId: z.string().max(100).optional().describe("A contact id from the CRM, when known exactly; gives the contact's own profile"),
  })
  .describe("Which account or contact to profile: a name in the query, or an exact id");
export type CustomerProfileInput = z.infer<typeof CustomerProfileInput>;
