import { z } from "zod";
import { defineTool } from "../registry.js";
import type { HandoffDesk } from "./desk.js";

export const HandoffInput = z
  .object({
    kind: z
      .enum(["support", "human", "hot_lead"])
      .describe("support: a customer with a problem; human: the person asked for someone; hot_lead: a ready buyer for sales."),
    summary: z.string().min(1).max(4000).describe("What the person needs and what they told us, for the colleague who picks it up."),
    reason: z.string().max(500).optional().describe("Why the hand-off now, in a few words, e.g. 'asked for a person'."),
  })
  .describe("A hand-off of this conversation to a person.");

/**
 * Public: a prospect may always ask for a person. The hand-off is tied to the caller's own conversation; asking
 * again while one is open adds to it (`appended: true`, same id) instead of opening another.
 */
export function createHandoffTool(deps: { desk: HandoffDesk }) {
  return defineTool({
    name: "create_handoff",
    description: "Hand the conversation to a human (sales or support) with a summary for them.",
    audience: "public",
    schema: HandoffInput,
    run: (input, context) => deps.desk.open({ ...input, conversationId: context.conversationId }),
  });
}
