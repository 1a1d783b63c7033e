import type { ParsedDocument } from "../types.js";
import { splitFrontMatter } from "./front-matter.js";
import { SectionBuilder } from "./sections.js";

/**
 * Markdown → title + sections by heading (ATX `#` and setext underlines), ignoring `#` lines inside fenced
 * code. Inline syntax is reduced to its text: links keep their words, tables keep their cells.
 */
export function parseMarkdown(source: string, fallbackTitle: string): ParsedDocument {
  const { meta, body } = splitFrontMatter(source);
  const lines = body.split(/\r?\n/);
  const builder = new SectionBuilder();
  let title = meta.title;
  let fence: string | undefined;
  let sawContent = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      else builder.line(line);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }

    let heading: { level: number; text: string } | undefined;
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const next = lines[i + 1];
    if (atx) heading = { level: atx[1]!.length, text: atx[2]! };
    else if (line.trim() && next !== undefined && !/^\s*([-*+]|\d+\.)\s/.test(line) && !line.includes("|")) {
      if (/^\s{0,3}=+\s*$/.test(next)) heading = { level: 1, text: line.trim() };
      else if (/^\s{0,3}-{2,}\s*$/.test(next)) heading = { level: 2, text: line.trim() };
      if (heading) i++;
    }

    if (heading) {
      const text = inlineText(heading.text);
      if (heading.level === 1 && !title && !sawContent) title = text;
      else builder.heading(heading.level, text);
      sawContent = true;
      continue;
    }
    if (line.trim()) sawContent = true;
    const text = blockText(line);
    if (text !== undefined) builder.line(text);
  }
  return { title: title || fallbackTitle, sections: builder.finish(), audience: meta.audience, tags: meta.tags };
}

/** One Markdown line without its block syntax (quote marks, table pipes); undefined for rules. */
function blockText(line: string): string | undefined {
  if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) return undefined;
  if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) return undefined;
  let text = line.replace(/^\s{0,3}>\s?/, "");
  if (/^\s*\|.*\|\s*$/.test(text)) {
    text = text
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((cell) => cell.trim())
      .join(" | ");
  }
  return inlineText(text);
}

export function inlineText(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<(https?:\/\/[^>]+)>/g, "$1")
    .replace(/<\/?[A-Za-z][^>]*>/g, "")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(^|[\s(])[*_](?=\S)([^*_]*?\S)[*_](?=[\s).,;:!?]|$)/g, "$1$2");
}
