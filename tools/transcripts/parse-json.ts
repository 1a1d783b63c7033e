import type { Transcript, Turn } from "./types.js";
import { parseTimeCode } from "./time-codes.js";

const SPEAKER_KEYS = ["speaker", "speaker_name", "speakerName", "name", "participant", "role", "author", "user"];
const TEXT_KEYS = ["text", "content", "transcript", "utterance", "words", "message", "body"];
const START_KEYS = ["start", "start_time", "startTime", "begin", "from", "offset", "timestamp", "time"];
const END_KEYS = ["end", "end_time", "endTime", "to"];
const LIST_KEYS = ["turns", "transcript", "utterances", "segments", "meeting_transcripts", "messages", "dialogue", "dialog", "entries", "results"];

function pick(record: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) if (record[k] !== undefined && record[k] !== null) return record[k];
  return undefined;
}

/** Seconds from a number (milliseconds when the key says so) or a time code string. */
function seconds(record: Record<string, unknown>, keys: string[]): number | undefined {
  for (const k of keys) {
    const v = record[k];
    if (typeof v === "number" && Number.isFinite(v) && v >= 0) return /ms|millis/i.test(k) ? v / 1000 : v;
    if (typeof v === "string") {
      const t = parseTimeCode(v) ?? (/^\d+(?:\.\d+)?$/.test(v.trim()) ? Number(v) : undefined);
      if (t !== undefined) return t;
    }
  }
  for (const k of keys.map((k) => `${k}_ms`).concat(keys.map((k) => `${k}Ms`))) {
    const v = record[k];
    if (typeof v === "number" && Number.isFinite(v) && v >= 0) return v / 1000;
  }
  return undefined;
}

function speakerName(v: unknown): string | undefined {
  if (typeof v === "string" && v.trim()) return v.trim();
  if (typeof v === "number") return `Speaker ${v}`;
  if (v && typeof v === "object") {
    const name = pick(v as Record<string, unknown>, ["name", "id", "label"]);
    return typeof name === "string" && name.trim() ? name.trim() : undefined;
  }
  return undefined;
}

function listOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (json && typeof json === "object") {
    for (const k of LIST_KEYS) {
      const v = (json as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v;
    }
  }
  return undefined;
}

export type JsonResult = { ok: true; transcript: Transcript } | { ok: false; reason: string };

/**
 * `[{speaker, start?, end?, text}]` (or `content` for text), bare or under a key such as `turns`,
 * `utterances`, `segments` or QMSum's `meeting_transcripts`. Times are seconds or time codes.
 */
export function parseJsonTranscript(text: string): JsonResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message.split("\n")[0]})` };
  }
  const list = listOf(json);
  if (!list) return { ok: false, reason: "JSON transcript must be an array of {speaker, text} turns (or hold one under 'turns')" };
  const turns: Turn[] = [];
  for (const [i, item] of list.entries()) {
    if (!item || typeof item !== "object") return { ok: false, reason: `turn ${i + 1} is not an object` };
    const record = item as Record<string, unknown>;
    const speaker = speakerName(pick(record, SPEAKER_KEYS));
    const body = pick(record, TEXT_KEYS);
    if (!speaker) return { ok: false, reason: `turn ${i + 1} has no speaker` };
    if (typeof body !== "string") return { ok: false, reason: `turn ${i + 1} has no text (expected 'text' or 'content')` };
    if (!body.trim()) continue;
    const start = seconds(record, START_KEYS);
    const end = seconds(record, END_KEYS);
    turns.push({ speaker, text: body.trim(), ...(start !== undefined ? { start } : {}), ...(end !== undefined && (start === undefined || end >= start) ? { end } : {}) });
  }
  if (turns.length === 0) return { ok: false, reason: "JSON transcript holds no turns with text" };
  return { ok: true, transcript: { format: "json", turns } };
}
