import type { Chunk, ParsedDocument } from "./types.js";

export interface ChunkOptions {
  /** Upper bound on a chunk's body, in characters (a single longer word is the only exception). */
  maxChars?: number;
  /** How much of the end of one chunk the next chunk of the same section repeats. */
  overlapChars?: number;
}

export const CHUNK_DEFAULTS = { maxChars: 1200, overlapChars: 200 } as const;
/** Bumped whenever chunking changes, so every document is re-chunked on the next ingest. */
export const CHUNKER_VERSION = "chunker-v1";

interface Unit {
  text: string;
  /** Separator before this unit when it follows another in the same chunk. */
  sep: string;
}

/**
 * One chunk per heading section; a section longer than maxChars becomes overlapping windows cut at
 * paragraph, line or sentence boundaries, so a chunk never starts mid-sentence unless a sentence alone
 * is longer than a chunk.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? CHUNK_DEFAULTS.maxChars;
  const overlapChars = Math.min(options.overlapChars ?? CHUNK_DEFAULTS.overlapChars, Math.floor(maxChars / 2));
  const chunks: Chunk[] = [];
  for (const section of doc.sections) {
    const heading = section.headings.join(" > ");
    for (const body of windows(units(section.text, maxChars), maxChars, overlapChars)) {
      chunks.push({ ord: chunks.length, heading, body });
    }
  }
  return chunks;
}

/** The text both indexes see for a chunk: the document title and heading path give it its context. */
export function chunkText(chunk: { title: string; heading: string; body: string }): string {
  return [chunk.title, chunk.heading, chunk.body].filter(Boolean).join("\n");
}

function units(text: string, maxChars: number): Unit[] {
  const out: Unit[] = [];
  text.split(/\n{2,}/).forEach((paragraph, p) => {
    paragraph.split("\n").forEach((line, l) => {
      const lineSep = p > 0 && l === 0 ? "\n\n" : "\n";
      const pieces = line.length <= maxChars ? [line] : splitLong(line, maxChars);
      pieces.forEach((piece, s) => out.push({ text: piece, sep: s === 0 ? lineSep : " " }));
    });
  });
  return out.filter((u) => u.text.trim() !== "");
}

/** Sentences first; a sentence still too long is cut between words. */
function splitLong(line: string, maxChars: number): string[] {
  const out: string[] = [];
  for (const sentence of line.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(\[])/u)) {
    if (sentence.length <= maxChars) {
      out.push(sentence);
      continue;
    }
    let current = "";
    for (const word of sentence.split(/\s+/)) {
      if (current && current.length + 1 + word.length > maxChars) {
        out.push(current);
        current = word;
      } else current = current ? `${current} ${word}` : word;
    }
    if (current) out.push(current);
  }
  return out;
}

function windows(list: Unit[], maxChars: number, overlapChars: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < list.length) {
    const start = i;
    let text = list[i]!.text;
    i++;
    while (i < list.length && text.length + list[i]!.sep.length + list[i]!.text.length <= maxChars) {
      text += list[i]!.sep + list[i]!.text;
      i++;
    }
    out.push(text);
    if (i >= list.length) break;
    // step back over whole units to repeat up to overlapChars, but always move forward
    let j = i;
    let overlap = 0;
    while (j - 1 > start && overlap + list[j - 1]!.text.length <= overlapChars) {
      j--;
      overlap += list[j]!.text.length;
    }
    i = j;
  }
  return out;
}
