import { parseCaptions, isSrt, isWebVtt } from "./parse-captions.js";
import { TranscriptParseError } from "./parse-error.js";
import { parseJsonTranscript } from "./parse-json.js";
import { parseSpeakerText } from "./parse-text.js";
import type { Transcript, Turn } from "./types.js";

export { TranscriptParseError } from "./parse-error.js";

export const MAX_TRANSCRIPT_CHARS = 2_000_000;

/** Consecutive turns of one speaker are one turn (a wrapped line, a caption split for display). */
function mergeRuns(turns: Turn[]): Turn[] {
  const out: Turn[] = [];
  for (const t of turns) {
    const last = out[out.length - 1];
    if (last && last.speaker === t.speaker) {
      last.text = `${last.text} ${t.text}`;
      if (t.end !== undefined) last.end = t.end;
      else if (last.end !== undefined && t.start !== undefined) delete last.end;
    } else {
      out.push({ ...t });
    }
  }
  return out;
}

function detect(text: string, filename?: string): Transcript {
  const ext = filename ? /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() : undefined;
  const trimmed = text.trimStart().replace(/^\uFEFF/, "");
  if (isWebVtt(trimmed) || ext === "vtt") {
    if (!isWebVtt(trimmed)) throw new TranscriptParseError("a .vtt file must start with WEBVTT");
    const r = parseCaptions(trimmed, "webvtt");
    if (!r.ok) throw new TranscriptParseError(r.reason);
    return r.transcript;
  }
  if (isSrt(trimmed) || ext === "srt") {
    const r = parseCaptions(trimmed, "srt");
    if (!r.ok) throw new TranscriptParseError(r.reason);
    return r.transcript;
  }
  if (ext === "json" || /^(?:\{|\[\s*(?:\{|\]|$))/.test(trimmed)) {
    const r = parseJsonTranscript(trimmed);
    if (!r.ok) throw new TranscriptParseError(r.reason);
    return r.transcript;
  }
  const parsed = parseSpeakerText(trimmed);
  if (!parsed) throw new TranscriptParseError("no speaker turns found (expected lines like 'Name: text', '[mm:ss] Name: text', WebVTT, SRT or JSON)");
  return parsed;
}

/**
 * Any supported transcript, by content (the file name only decides when the content is ambiguous).
 * Throws TranscriptParseError with a one-line reason for anything it cannot read as a call of two or
 * more speakers.
 */
export function parseTranscript(text: string, options: { filename?: string } = {}): Transcript {
  if (text.trim() === "") throw new TranscriptParseError("the transcript is empty");
  if (text.length > MAX_TRANSCRIPT_CHARS) throw new TranscriptParseError(`the transcript is longer than ${MAX_TRANSCRIPT_CHARS} characters`);
  if (text.includes("\u0000")) throw new TranscriptParseError("the file is binary, not a text transcript");
  const found = detect(text, options.filename);
  // one spelling per speaker: the first one seen ("DANA" and "Dana" are one person)
  const spelling = new Map<string, string>();
  const named = found.turns.map((t) => {
    const label = t.speaker.replace(/\s+/g, " ").trim();
    const key = label.toLowerCase();
    if (!spelling.has(key)) spelling.set(key, label);
    return { ...t, speaker: spelling.get(key)! };
  });
  const turns = mergeRuns(named);
  const speakers = new Set(turns.map((t) => t.speaker.toLowerCase()));
  if (speakers.size < 2) {
    throw new TranscriptParseError(`only one speaker found (${turns[0]?.speaker ?? "none"}); a call needs at least two`);
  }
  return { format: found.format, turns };
}
