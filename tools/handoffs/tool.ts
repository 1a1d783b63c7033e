import { z } from "zod";
import type { HandoffsRepo } from "../../src/infra/postgres/handoffs-repo.js";
import { defineTool } from "../registry.js";

export const HandoffInput = z.object({
  kind: z.enum(["support", "human", "hot_lead"]),
  summary: z.string().min(1).max(4000),
  reason: z.string().max(500).optional(),
});

/** Public: a prospect may always ask for a person. The hand-off is tied to the caller's own conversation. */
export function createHandoffTool(deps: { handoffs: HandoffsRepo }) {
  return defineTool({
    name: "create_handoff",
    description: "Hand the conversation to a human (sales or support) with a summary for them.",
    audience: "public",
    schema: HandoffInput,
    run: (input, context) => deps.handoffs.open({ ...input, conversationId: context.conversationId }),
  });
}
