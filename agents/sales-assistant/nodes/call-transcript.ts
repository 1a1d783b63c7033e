import { AppError } from "../../../src/core/errors.js";
import { renderAnalysis, transcriptInsight } from "../../../tools/transcripts/report.js";
import type { AnalyzeResult } from "../../../tools/transcripts/service.js";
import { TRANSCRIPT_TOOL } from "../../../tools/transcripts/tool.js";
import type { SalesGraphDeps } from "../deps.js";
import type { SalesStateType, SalesStateUpdate } from "../state.js";
import { lastUserText, reply } from "./reply.js";

/** "Here's my call with Globex (rep: Sam Lee):" — a rep named in the note above a pasted transcript. */
const REP_NOTE = /\((?:rep|seller|me)\s*(?:=|:|is)\s*([^)\n]{1,80})\)|\bI(?:'m| am) (?:the rep|the seller)?\s*\(([^)\n]{1,80})\)/i;

/**
 * A pasted or uploaded call transcript, analysed by the transcript tool (which also logs it in the CRM),
 * answered as text plus a card. Reps and managers only: the router never sends prospects here, and the
 * tool's audience would refuse them anyway.
 */
export function createCallTranscriptNode(deps: Pick<SalesGraphDeps, "tools" | "logger">) {
  return async function callTranscript(state: SalesStateType): Promise<SalesStateUpdate> {
    if (state.actor.role === "prospect") {
      return reply("I can't analyse call recordings in this chat.", "call_transcript");
    }
    if (!deps.tools.audienceOf(TRANSCRIPT_TOOL)) {
      return reply("I understood this as a call transcript, but call analysis isn't switched on in this deployment.", "call_transcript");
    }
    const text = lastUserText(state);
    const note = REP_NOTE.exec(text.split("\n")[0] ?? "");
    const reps = note ? [(note[1] ?? note[2])!.trim()] : undefined;
    const context = { actor: state.actor, channel: state.channel, conversationId: state.conversationId };
    try {
      const result = await deps.tools.call<AnalyzeResult>(TRANSCRIPT_TOOL, { text, reps, log: true }, context);
      return reply(renderAnalysis(result.analysis, result.logged), "call_transcript", {
        toolResults: [{ tool: TRANSCRIPT_TOOL, ok: true, output: { logged: result.logged, talk_ratio: result.analysis.talk_ratio } }],
        replyData: transcriptInsight(result.analysis, result.logged),
      });
    } catch (error) {
      if (error instanceof AppError && error.status < 500) {
        return reply(`I couldn't analyse that transcript: ${error.message}.`, "call_transcript", {
          toolResults: [{ tool: TRANSCRIPT_TOOL, ok: false, output: error.message }],
        });
      }
      deps.logger.error({ err: error, conversation: state.conversationId }, "transcript analysis failed");
      throw error;
    }
  };
}
