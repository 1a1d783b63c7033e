/** Checks on a model's rewording of a grounded draft; the draft wins whenever the rewording is doubtful. */

export type PhrasingVerdict =
  | { ok: true; text: string }
  | { ok: false; reason: "empty" | "citations_dropped" | "citations_invented" };

const MARKER = /\[(\d{1,3})\]/g;

export function citationMarkers(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(MARKER), (match) => match[1]!));
}

/** Reasoning models served by Ollama or llama.cpp may put their thinking in the content. */
export function stripThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?<\/think>/gi, "").trim();
}

export function judgePhrasing(draft: string, output: string): PhrasingVerdict {
  const text = stripThinking(output);
  if (text === "") return { ok: false, reason: "empty" };
  const expected = citationMarkers(draft);
  const found = citationMarkers(text);
  if (expected.size > 0 && ![...expected].some((marker) => found.has(marker))) {
    return { ok: false, reason: "citations_dropped" };
  }
  // A marker the draft never had points at a source that does not exist.
  if ([...found].some((marker) => !expected.has(marker))) return { ok: false, reason: "citations_invented" };
  return { ok: true, text };
}
