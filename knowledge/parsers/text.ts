import type { ParsedDocument } from "../types.js";
import { SectionBuilder } from "./sections.js";

/**
 * Plain text: one section, except that a short line underlined with `===` or `---` (the convention of
 * README.txt files) starts a new one. The first such heading, or else a short first line, is the title.
 */
export function parseText(source: string, fallbackTitle: string): ParsedDocument {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  const builder = new SectionBuilder();
  let title: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    const underline = next !== undefined && line.trim() && line.trim().length <= 100 ? /^\s*(=+|-{3,})\s*$/.exec(next) : null;
    if (underline) {
      if (underline[1]!.startsWith("=") && !title) title = line.trim();
      else builder.heading(underline[1]!.startsWith("=") ? 1 : 2, line.trim());
      i++;
      continue;
    }
    builder.line(line);
  }
  const sections = builder.finish();
  if (!title && sections[0] && sections[0].headings.length === 0) {
    const [first, ...rest] = sections[0].text.split("\n");
    if (first && first.length <= 80 && !/[.!?:]$/.test(first)) {
      title = first;
      const remaining = rest.join("\n").trim();
      if (remaining) sections[0] = { headings: [], text: remaining };
      else sections.shift();
    }
  }
  return { title: title ?? fallbackTitle, sections, tags: [] };
}
