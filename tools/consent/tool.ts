import { z } from "zod";
import type { ConsentsRepo } from "../../src/infra/postgres/consents-repo.js";
import { defineTool } from "../registry.js";

export const ConsentInput = z
  .object({
    status: z.enum(["granted", "withdrawn"]).describe("granted: they agreed to be contacted; withdrawn: they asked us to stop."),
    source: z.string().min(1).max(100).describe("Where they said it, e.g. 'chat message' or 'web form'."),
  })
  .describe("A consent decision by the person in this conversation.");

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
