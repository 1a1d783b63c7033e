import path from "node:path";
import { AppError, ConfigError } from "../../src/core/errors.js";
import { TranscriptParseError } from "./parse-error.js";
import { parseSpeakerText } from "./parse-text.js";
import type { Transcript, Turn } from "./types.js";

export const AUDIO_EXTENSIONS = new Set(["mp3", "mp4", "mpeg", "mpga", "m4a", "wav", "webm", "ogg", "oga", "flac"]);
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;

export function isAudioFile(filename: string): boolean {
  return AUDIO_EXTENSIONS.has(path.extname(filename).slice(1).toLowerCase());
}

export interface TranscriberOptions {
  /** OpenAI-compatible base URL including `/v1`. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
}

interface Segment {
  speaker?: unknown;
  start?: unknown;
  end?: unknown;
  text?: unknown;
}

/** Diarized segments (`diarized_json`, or `verbose_json` segments that carry a speaker) as turns. */
export function turnsFromSegments(segments: Segment[]): Turn[] {
  const turns: Turn[] = [];
  for (const s of segments) {
    if (typeof s.text !== "string" || !s.text.trim() || (typeof s.speaker !== "string" && typeof s.speaker !== "number")) continue;
    const speaker = typeof s.speaker === "number" ? `Speaker ${s.speaker}` : /^[A-Z]$/.test(s.speaker) ? `Speaker ${s.speaker}` : s.speaker;
    turns.push({
      speaker,
      text: s.text.trim(),
      ...(typeof s.start === "number" ? { start: s.start } : {}),
      ...(typeof s.end === "number" ? { end: s.end } : {}),
    });
  }
  return turns;
}

/**
 * Audio → transcript through the configured OpenAI-compatible `POST /audio/transcriptions` (multipart).
 * A diarizing model (`…-diarize`) is asked for `diarized_json`, others for `verbose_json`; either way the
 * answer must say who spoke, or the call cannot be analysed and the error says so.
 */
export function createTranscriber(options: TranscriberOptions) {
  return async function transcribe(audio: { data: Uint8Array; filename: string }): Promise<{ transcript: Transcript; text: string }> {
    if (audio.data.byteLength > MAX_AUDIO_BYTES) throw new TranscriptParseError(`audio is larger than ${MAX_AUDIO_BYTES / 1024 / 1024} MB`);
    const diarize = /diariz/i.test(options.model);
    const form = new FormData();
    form.append("file", new Blob([audio.data]), path.basename(audio.filename));
    form.append("model", options.model);
    form.append("response_format", diarize ? "diarized_json" : "verbose_json");
    if (diarize) form.append("chunking_strategy", "auto");
    const url = `${options.baseUrl.replace(/\/+$/, "")}/audio/transcriptions`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
        body: form,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new AppError(`transcription endpoint unreachable: ${(error as Error).message}`, 502, "transcription_failed");
    }
    const raw = await res.text();
    if (!res.ok) {
      let message = raw.slice(0, 200);
      try {
        message = (JSON.parse(raw) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new AppError(`transcription failed (${res.status}): ${message}`, 502, "transcription_failed");
    }
    let body: { text?: unknown; segments?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      body = { text: raw };
    }
    const text = typeof body.text === "string" ? body.text : "";
    const turns = Array.isArray(body.segments) ? turnsFromSegments(body.segments as Segment[]) : [];
    if (turns.length > 0) {
      return { transcript: { format: "audio", turns }, text: turns.map((t) => `${t.speaker}: ${t.text}`).join("\n") };
    }
    const labelled = parseSpeakerText(text);
    if (labelled) return { transcript: { format: "audio", turns: labelled.turns }, text };
    throw new TranscriptParseError(`the transcription names no speakers; set TRANSCRIPTION_MODEL to a diarizing model (got ${options.model})`);
  };
}

export type Transcriber = ReturnType<typeof createTranscriber>;

/** The transcriber for a configuration, or a clear error when there is no endpoint to send audio to. */
export function transcriberFor(llm: { apiKey?: string; baseUrl?: string; timeoutMs: number }, model: string): Transcriber {
  if (!llm.apiKey) {
    throw new ConfigError("audio needs a transcription endpoint: set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)");
  }
  return createTranscriber({ baseUrl: llm.baseUrl ?? "https://api.openai.com/v1", apiKey: llm.apiKey, model, timeoutMs: Math.max(llm.timeoutMs, 120_000) });
}
