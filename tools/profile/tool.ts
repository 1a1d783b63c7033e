import { defineTool } from "../registry.js";
import { profileFor, type CustomerProfile, type ProfileDeps } from "./profile.js";
import { CustomerProfileInput } from "./schema.js";

export type CustomerProfileOutput = { found: true; profile: CustomerProfile } | { found: false; reason: string };

/** Internal: everything known about an account or a contact, in one call. */
export function createCustomerProfileTool(deps: ProfileDeps) {
  return defineTool({
    name: "customer_profile",
    description:
      "Unified customer profile of an account or contact: firmographics, interactions across chat, SMS, email, calls and transcripts, deals, segment and migration risk, lifecycle stage, predicted value (BG/NBD + Gamma-Gamma), churn risk and next best actions with evidence. Use for 'tell me everything about <account>'.",
    audience: "internal",
    schema: CustomerProfileInput,
    run: async (input): Promise<CustomerProfileOutput> => {
      const profile = await profileFor(deps, input);
      return profile ? { found: true, profile } : { found: false, reason: "no account or contact in the CRM matches the request" };
    },
  });
}
