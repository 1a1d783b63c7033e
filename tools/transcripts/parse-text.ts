import type { Transcript, Turn } from "./types.js";
import { parseTimeCode } from "./time-codes.js";

/** "[00:12]", "(01:02:03)", "00:12", "[00:12.5]" before the speaker, with an optional dash after. */
const STAMP = String.raw`[\[(]?(\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[\])]?`;
const LABEL = String.raw`(\p{L}[\p{L}\p{N} .'’&/@()_-]{0,60}?)`;
const STAMPED_LINE = new RegExp(String.raw`^\s*${STAMP}\s*[-–—]?\s*${LABEL}\s*:\s*(.*)$`, "u");
/** "Dana (Globex) [00:12]: text" — the stamp after the name. */
const LABEL_THEN_STAMP = new RegExp(String.raw`^\s*${LABEL}\s*${STAMP}\s*:\s*(.*)$`, "u");
const PLAIN_LINE = new RegExp(String.raw`^\s*(?:[-*•>]+\s*)?${LABEL}\s*:\s+(.*)$`, "u");
/** Otter/Zoom export heading: "Dana Smith  0:05" on its own line, the words below it. */
const HEADING_LINE = new RegExp(String.raw`^\s*${LABEL}\s{1,}(\d{1,3}:\d{2}(?::\d{2})?)\s*$`, "u");

/** Labels of e-mail headers and notes, which look like speakers but are not. */
const NOT_SPEAKERS = new Set(["from", "to", "cc", "bcc", "subject", "date", "sent", "note", "notes", "re", "http", "https", "title", "attendees", "participants", "agenda", "summary", "duration", "time", "location", "meeting"]);

interface Candidate {
  speaker: string;
  text: string;
  start?: number;
}

function labelOk(label: string): boolean {
  const words = label.trim().split(/\s+/);
  if (words.length > 6) return false;
  if (NOT_SPEAKERS.has(label.trim().toLowerCase())) return false;
  return !/[.!?]$/.test(label.trim()) || /\b(?:mr|mrs|ms|dr|st)\.$/i.test(label.trim());
}

function lineCandidate(line: string): Candidate | undefined {
  const stamped = STAMPED_LINE.exec(line);
  if (stamped && labelOk(stamped[2]!)) return { speaker: stamped[2]!.trim(), text: stamped[3]!, start: parseTimeCode(stamped[1]!) };
  const after = LABEL_THEN_STAMP.exec(line);
  if (after && labelOk(after[1]!)) return { speaker: after[1]!.trim(), text: after[3]!, start: parseTimeCode(after[2]!) };
  const plain = PLAIN_LINE.exec(line);
  if (plain && labelOk(plain[1]!)) return { speaker: plain[1]!.trim(), text: plain[2]! };
  return undefined;
}

/**
 * `Speaker: text` lines, optionally time-stamped (`[mm:ss] Speaker:`, `(hh:mm:ss) Speaker:`), or Otter-style
 * `Speaker  0:05` headings with the words below. Lines without a label continue the turn above; lines
 * before the first turn (a note, "here's the call:") are skipped. A label seen once, with more than three
 * words, amid a call of recurring speakers is read as prose ("The thing is: …") and kept in the turn.
 */
export function parseSpeakerText(text: string): Transcript | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headings = lines.map((l) => HEADING_LINE.exec(l)).filter((m) => m && labelOk(m[1]!)).length;
  const labelled = lines.map((l) => lineCandidate(l));
  const useHeadings = headings >= 2 && headings > labelled.filter(Boolean).length;

  const counts = new Map<string, number>();
  for (const c of labelled) if (c) counts.set(c.speaker.toLowerCase(), (counts.get(c.speaker.toLowerCase()) ?? 0) + 1);
  const recurring = [...counts.values()].filter((n) => n >= 2).length;

  const turns: Turn[] = [];
  let current: Turn | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let next: Candidate | undefined;
    if (useHeadings) {
      const h = HEADING_LINE.exec(line);
      if (h && labelOk(h[1]!)) next = { speaker: h[1]!.trim(), text: "", start: parseTimeCode(h[2]!) };
    } else {
      const c = labelled[i];
      const once = c && counts.get(c.speaker.toLowerCase()) === 1;
      if (c && !(once && recurring >= 2 && c.speaker.split(/\s+/).length > 3 && current)) next = c;
    }
    if (next) {
      current = { speaker: next.speaker, text: next.text.trim(), ...(next.start !== undefined ? { start: next.start } : {}) };
      turns.push(current);
    } else if (current && line.trim()) {
      current.text = current.text ? `${current.text} ${line.trim()}` : line.trim();
    }
  }
  const spoken = turns.filter((t) => t.text.trim() !== "");
  if (spoken.length === 0) return undefined;
  const stamped = spoken.filter((t) => t.start !== undefined).length;
  return { format: stamped > 0 && stamped >= spoken.length / 2 ? "timestamped" : "plain", turns: spoken };
}
