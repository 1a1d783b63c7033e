import type { Transcript, Turn } from "./types.js";
import { parseTimeCode } from "./time-codes.js";

const TIMING = /^\s*((?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})/;
const VOICE = /<v(?:\.[\w.-]+)?\s+([^>]+)>/;
const PREFIX_SPEAKER = /^\s*(?:-\s*|>>\s*)?(\p{L}[\p{L}\p{N} .'’&()_-]{0,60}?)\s*:\s+(.*)$/su;
const BRACKET_SPEAKER = /^\s*\[([^\]]{1,60})\]\s*(.*)$/s;

interface Cue {
  start: number;
  end: number;
  speaker?: string;
  text: string;
}

/** A cue's text with its speaker: `<v Dana>…`, `Dana: …`, `[Dana] …`, `>> DANA: …`. */
function speakerAndText(raw: string): { speaker?: string; text: string } {
  const voice = VOICE.exec(raw);
  const untagged = raw.replace(/<\/?[^>]+>/g, "").replace(/\s+/g, " ").trim();
  if (voice) return { speaker: voice[1]!.trim(), text: untagged };
  const prefix = PREFIX_SPEAKER.exec(untagged);
  if (prefix && prefix[1]!.split(/\s+/).length <= 5) return { speaker: prefix[1]!.trim(), text: prefix[2]!.trim() };
  const bracket = BRACKET_SPEAKER.exec(untagged);
  if (bracket && !/^\d/.test(bracket[1]!)) return { speaker: bracket[1]!.trim(), text: bracket[2]!.trim() };
  return { text: untagged };
}

function cuesOf(body: string): Cue[] {
  const cues: Cue[] = [];
  for (const block of body.split(/\r?\n\s*\r?\n/)) {
    const lines = block.split(/\r?\n/);
    const at = lines.findIndex((l) => TIMING.test(l));
    if (at < 0) continue;
    const m = TIMING.exec(lines[at]!)!;
    const start = parseTimeCode(m[1]!);
    const end = parseTimeCode(m[2]!);
    if (start === undefined || end === undefined) continue;
    const raw = lines.slice(at + 1).join("\n").trim();
    if (!raw) continue;
    cues.push({ start, end, ...speakerAndText(raw) });
  }
  return cues;
}

/**
 * Consecutive cues of one speaker are one turn (captions split a turn for display). A cue without a speaker
 * continues the speaker before it. Undefined when no cue names a speaker: captions alone cannot say who spoke.
 */
function turnsOf(cues: Cue[]): Turn[] | undefined {
  if (!cues.some((c) => c.speaker)) return undefined;
  const turns: Turn[] = [];
  let speaker: string | undefined;
  for (const cue of cues) {
    speaker = cue.speaker ?? speaker;
    if (!speaker) continue;
    const last = turns[turns.length - 1];
    if (last && last.speaker === speaker) {
      last.text = `${last.text} ${cue.text}`;
      last.end = cue.end;
    } else {
      turns.push({ speaker, text: cue.text, start: cue.start, end: cue.end });
    }
  }
  return turns;
}

export function isWebVtt(text: string): boolean {
  return /^\uFEFF?WEBVTT(?:[ \t].*)?(?:\r?\n|$)/.test(text);
}

export function isSrt(text: string): boolean {
  return /^\uFEFF?\s*\d+\s*\r?\n\s*\d{1,3}:\d{2}:\d{2},\d{1,3}\s*-->/.test(text);
}

export type CaptionResult = { ok: true; transcript: Transcript } | { ok: false; reason: string };

export function parseCaptions(text: string, format: "webvtt" | "srt"): CaptionResult {
  const body = format === "webvtt" ? text.replace(/^\uFEFF?WEBVTT[^\n]*\n/, "") : text.replace(/^\uFEFF/, "");
  const cues = cuesOf(body);
  if (cues.length === 0) return { ok: false, reason: `${format === "webvtt" ? "WebVTT" : "SRT"} file has no cues with a timing line` };
  const turns = turnsOf(cues);
  if (!turns) return { ok: false, reason: "captions name no speakers (expected <v Speaker> tags or 'Speaker:' at the start of cues)" };
  return { ok: true, transcript: { format, turns } };
}
