import express, { Router } from "express";
import { z } from "zod";
import { parseRequest } from "../../channels/web/chat-request.js";
import { AppError, BadInputError, ConfigError } from "../core/errors.js";
import { cleanTextSchema } from "../core/inbound-text.js";
import { MAX_TRANSCRIPT_CHARS } from "../../tools/transcripts/parse.js";
import { MAX_AUDIO_BYTES } from "../../tools/transcripts/transcribe.js";
import { requireOperator } from "./operator-auth.js";
import type { TranscriptWiring } from "./transcripts-wiring.js";

export const TranscriptBody = z.object({
  // control characters removed (CR LF kept as LF), a lone surrogate refused: see core/inbound-text
  text: cleanTextSchema("text is required and must be a string").pipe(z.string().min(1, "text must not be empty").max(MAX_TRANSCRIPT_CHARS)),
  filename: z.string().max(200).optional(),
  reps: z.array(z.string().trim().min(1).max(120)).max(10).optional(),
  dealId: z.string().min(1).max(100).optional(),
  title: cleanTextSchema().pipe(z.string().max(200)).optional(),
  log: z.boolean().default(true),
});

/** Audio goes as the raw body; what JSON would carry goes in the query. */
export const AudioQuery = z.object({
  filename: z.string().min(1, "filename is required for audio (e.g. call.mp3)").max(200),
  rep: z.union([z.string().min(1).max(120), z.array(z.string().min(1).max(120)).max(10)]).optional(),
  dealId: z.string().min(1).max(100).optional(),
  title: cleanTextSchema().pipe(z.string().max(200)).optional(),
  log: z.enum(["true", "false"]).default("true"),
});

/**
 * `POST /api/transcripts` behind the operator token: a transcript as JSON (`text` in any supported format),
 * or audio as the raw body (`Content-Type: audio/*`, `?filename=call.mp3`). Answers the full analysis and
 * where it was logged; a transcript that cannot be read is a 400 with the reason.
 */
export function createTranscriptRoutes(deps: { transcripts: TranscriptWiring; apiToken?: string }): Router {
  const router = Router();
  const operator = requireOperator(deps.apiToken);
  const json = express.json({ limit: MAX_TRANSCRIPT_CHARS * 2 });
  const audio = express.raw({ type: ["audio/*", "video/*", "application/octet-stream"], limit: MAX_AUDIO_BYTES });

  router.post("/api/transcripts", operator, json, audio, async (req, res) => {
    if (Buffer.isBuffer(req.body)) {
      const q = parseRequest(AudioQuery, req.query);
      if (req.body.length === 0) throw new BadInputError("the audio body is empty");
      let transcribe;
      try {
        transcribe = deps.transcripts.transcriber();
      } catch (error) {
        if (error instanceof ConfigError) throw new AppError(error.message, 501, "not_configured");
        throw error;
      }
      const heard = await transcribe({ data: req.body, filename: q.filename });
      const result = await deps.transcripts.service.analyze({
        text: heard.text,
        transcript: heard.transcript,
        filename: q.filename,
        reps: q.rep === undefined ? undefined : [q.rep].flat(),
        dealId: q.dealId,
        title: q.title,
        log: q.log === "true",
        source: "api",
      });
      res.json(result);
      return;
    }
    if (!req.is("application/json")) throw new BadInputError("send JSON {text, …} or audio with an audio/* content type");
    const body = parseRequest(TranscriptBody, req.body);
    res.json(await deps.transcripts.service.analyze({ ...body, source: "api" }));
  });
  return router;
}
