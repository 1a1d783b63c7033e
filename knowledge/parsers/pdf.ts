import type { ParsedDocument } from "../types.js";
import { SectionBuilder } from "./sections.js";

/** A line of a PDF page as pdf.js lays it out: its text, font size and baseline. */
export interface PdfLine {
  text: string;
  size: number;
  y: number;
  page: number;
}

/**
 * PDF → text lines through pdf.js (Mozilla's parser; loaded only when a PDF is ingested), then sections by
 * font size: lines clearly larger than the body text are headings, larger sizes are outer levels.
 */
export async function parsePdf(bytes: Uint8Array, fallbackTitle: string): Promise<ParsedDocument> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const lines: PdfLine[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let current: PdfLine | undefined;
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const size = Math.round(Math.hypot(item.transform[0], item.transform[1]) * 10) / 10;
        const y = item.transform[5] as number;
        if (current && Math.abs(current.y - y) > Math.max(current.size, size) * 0.5) {
          lines.push(current);
          current = undefined;
        }
        if (item.str) {
          current ??= { text: "", size, y, page: p };
          current.text += item.str;
          current.size = Math.max(current.size, size);
        }
        if (item.hasEOL && current) {
          lines.push(current);
          current = undefined;
        }
      }
      if (current) lines.push(current);
      page.cleanup();
    }
    const info = (await doc.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const metaTitle = typeof info?.Title === "string" ? info.Title.trim() : "";
    return sectionsFromPdfLines(lines, metaTitle || undefined, fallbackTitle);
  } finally {
    await doc.destroy();
  }
}

/** Pure part of the PDF parser, so the layout rules are testable on known lines. */
export function sectionsFromPdfLines(lines: readonly PdfLine[], metaTitle: string | undefined, fallbackTitle: string): ParsedDocument {
  const visible = lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, " ").trim() })).filter((l) => l.text);
  const body = bodySize(visible);
  const headingSizes = [...new Set(visible.filter((l) => isHeading(l, body)).map((l) => l.size))].sort((a, b) => b - a);
  const builder = new SectionBuilder();
  let title = metaTitle;
  let previous: PdfLine | undefined;
  for (const line of visible) {
    if (isHeading(line, body)) {
      const level = headingSizes.indexOf(line.size) + 1;
      if (!title && level === 1 && !previous) title = line.text;
      else builder.heading(level, line.text);
    } else {
      // a gap of more than about one and a half lines, or a new page, ends a paragraph
      if (previous && (previous.page !== line.page || previous.y - line.y > line.size * 1.8)) builder.paragraph();
      builder.line(line.text);
    }
    previous = line;
  }
  return { title: title || fallbackTitle, sections: builder.finish(), tags: [] };
}

function isHeading(line: PdfLine, body: number): boolean {
  return line.size >= body * 1.15 && line.text.length <= 120 && /\p{L}/u.test(line.text);
}

/** The font size carrying the most characters. */
function bodySize(lines: readonly PdfLine[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(l.size, (chars.get(l.size) ?? 0) + l.text.length);
  let best = 0;
  let bestChars = -1;
  for (const [size, n] of chars) {
    if (n > bestChars) [best, bestChars] = [size, n];
  }
  return best;
}
