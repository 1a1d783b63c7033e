import type { Section } from "../types.js";

/**
 * Collects lines under the heading path they belong to. Headings nest by level: a level-2 heading closes
 * every open heading at level 2 or deeper. Blank lines become paragraph breaks; empty sections are dropped.
 */
export class SectionBuilder {
  private readonly stack: { level: number; text: string }[] = [];
  private readonly sections: Section[] = [];
  private lines: string[] = [];

  heading(level: number, text: string): void {
    this.flush();
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
    if (text.trim()) this.stack.push({ level, text: text.trim() });
  }

  line(text: string): void {
    this.lines.push(text);
  }

  /** Starts a new paragraph (block elements in HTML, new lines in PDF). */
  paragraph(): void {
    this.lines.push("");
  }

  finish(): Section[] {
    this.flush();
    return this.sections;
  }

  private flush(): void {
    const text = normaliseParagraphs(this.lines);
    this.lines = [];
    if (text) this.sections.push({ headings: this.stack.map((h) => h.text), text });
  }
}

/** Trims lines, collapses runs of spaces, and keeps at most one blank line between paragraphs. */
export function normaliseParagraphs(lines: readonly string[]): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/[ \t\u00a0]+/g, " ").trim();
    if (line) current.push(line);
    else if (current.length) {
      paragraphs.push(current.join("\n"));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join("\n"));
  return paragraphs.join("\n\n");
}
