import path from "node:path";
import { decodeText } from "../../src/core/text-decoding.js";
import type { ParsedDocument } from "../types.js";
import { parseHtml } from "./html.js";
import { parseMarkdown } from "./markdown.js";
import { parsePdf } from "./pdf.js";
import { parseText } from "./text.js";

export type DocumentFormat = "markdown" | "html" | "text" | "pdf";

const FORMATS: Record<string, DocumentFormat> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".mdx": "markdown",
  ".html": "html",
  ".htm": "html",
  ".txt": "text",
  ".text": "text",
  ".pdf": "pdf",
};

/** The format a file is ingested as, from its extension; undefined for files the knowledge base skips. */
export function formatOf(file: string): DocumentFormat | undefined {
  return FORMATS[path.extname(file).toLowerCase()];
}

/** "pricing-faq.md" → "Pricing faq": the title of a document that names none itself. */
export function titleFromFileName(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[-_]+/g, " ").trim();
  return base ? base[0]!.toUpperCase() + base.slice(1) : file;
}

/** Text formats must be UTF-8 (or UTF-16 with a byte-order mark) unless `encoding` is given (TextEncodingError). */
export async function parseDocument(file: string, bytes: Uint8Array, encoding?: string): Promise<ParsedDocument> {
  const format = formatOf(file);
  const fallback = titleFromFileName(file);
  const text = () => decodeText(bytes, { name: file, encoding });
  switch (format) {
    case "markdown":
      return parseMarkdown(text(), fallback);
    case "html":
      return parseHtml(text(), fallback);
    case "text":
      return parseText(text(), fallback);
    case "pdf":
      return parsePdf(bytes, fallback);
    default:
      throw new Error(`unsupported file type ${path.extname(file) || "(none)"}`);
  }
}
