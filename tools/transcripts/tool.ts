import { z } from "zod";
import { defineTool } from "../registry.js";
import { MAX_TRANSCRIPT_CHARS } from "./parse.js";
import type { TranscriptService } from "./service.js";

export const TRANSCRIPT_TOOL = "transcript_analyze";

export const TranscriptToolInput = z
  .object({
    text: z.string().min(1).max(MAX_TRANSCRIPT_CHARS).describe("the call transcript: Speaker: text lines, WebVTT, SRT or JSON turns"),
    filename: z.string().max(200).optional().describe("The file's name when the transcript came as a file (its extension helps tell the format)"),
    reps: z.array(z.string().min(1).max(120)).max(10).optional().describe("names or e-mails of the seller's people on the call"),
    dealId: z.string().min(1).max(100).optional().describe("CRM deal id (deal_…) the call belongs to; omit to match it from the names on the call"),
    title: z.string().max(200).optional().describe("A title for the call, e.g. 'Discovery call with Apex Telecom'"),
    log: z.boolean().default(true).describe("store the analysis and log the call on the matching CRM deal"),
  })
  .describe("A sales call to analyse");

/** Internal: call analysis (metrics, objections, next steps, coaching), stored and logged in the CRM. */
export function createTranscriptTool(deps: { service: TranscriptService }) {
  return defineTool({
    name: TRANSCRIPT_TOOL,
    description:
      "Analyse a sales call transcript: talk share, longest monologue, questions, objections with quotes, pain points, next steps, coaching and deal outlook; logs the call on the matching CRM deal.",
    audience: "internal",
    schema: TranscriptToolInput,
    run: async (input, context) =>
      deps.service.analyze({
        text: input.text,
        filename: input.filename,
        reps: input.reps,
        dealId: input.dealId,
        title: input.title,
        log: input.log,
        source: context.channel === "slack" ? "slack" : context.channel === "teams" ? "teams" : context.channel === "api" ? "api" : context.channel === "cli" ? "cli" : "chat",
      }),
  });
}
