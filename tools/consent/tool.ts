import { z } from "zod";
import type { ConsentsRepo } from "../../src/infra/postgres/consents-repo.js";
import { defineTool } from "../registry.js";

export const ConsentInput = z.object({
  status: z.enum(["granted", "withdrawn"]),
  source: z.string().min(1).max(100),
});

/** Public: records consent for the caller's own channel identity only (taken from context, not input). */
export function createConsentTool(deps: { consents: ConsentsRepo }) {
  return defineTool({
    name: "record_consent",
    description: "Record that the person in this conversation gave or withdrew consent to be contacted.",
    audience: "public",
    schema: ConsentInput,
    run: async (input, context) => {
      await deps.consents.set({
        channel: context.channel,
        identity: context.actor.id,
        status: input.status,
        source: input.source,
      });
      return { status: input.status };
    },
  });
}
