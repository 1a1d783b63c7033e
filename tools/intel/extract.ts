import { Readability } from "@mozilla/readability";
import { XMLParser } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import type { FeedItem } from "../../src/core/intel.js";

const BLOCKS = new Set(["P", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "TR", "DT", "DD", "BLOCKQUOTE", "PRE", "FIGCAPTION", "CAPTION", "DIV", "SECTION", "ARTICLE", "TD", "TH"]);
const HEADINGS = new Set(["H1", "H2", "H3", "H4"]);
const CHROME = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, [role=navigation], [aria-hidden=true]";

/** Fewer characters than this from Readability means it found no article: use the page body without its chrome. */
const MIN_ARTICLE_CHARS = 40;

/**
 * The main text of an HTML page, one block per line (`# ` for headings, `- ` for list items, table rows as
 * cells joined by " | "). Mozilla's Readability finds the main content — what Firefox Reader View shows — on
 * a linkedom document; a page it finds no article in falls back to its body with navigation, header, footer
 * and scripts removed.
 */
export function extractMainText(html: string, url: string): { title?: string; text: string } {
  const { document } = parseHTML(html);
  const title = document.querySelector("title")?.textContent?.trim() || undefined;
  let root: any;
  try {
    const article = new Readability(parseHTML(html).document as any, { charThreshold: 100, keepClasses: false }).parse();
    if (article?.content && (article.textContent ?? "").trim().length >= MIN_ARTICLE_CHARS) {
      root = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body;
    }
  } catch {
    // Readability gives up on some documents; the fallback below still reads them
  }
  if (!root) {
    for (const el of document.querySelectorAll(CHROME)) el.remove();
    root = document.body ?? document.documentElement;
  }
  const out: string[] = [];
  walk(root, out);
  void url;
  return { title, text: out.join("\n") };
}

function collapse(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

function hasBlockChild(el: any): boolean {
  for (const child of el.children ?? []) if (BLOCKS.has(child.tagName) || hasBlockChild(child)) return true;
  return false;
}

function walk(el: any, out: string[]): void {
  for (const node of el.childNodes ?? []) {
    if (node.nodeType === 3) {
      const text = collapse(node.textContent);
      if (text) out.push(text);
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = node.tagName as string;
    if (tag === "SCRIPT" || tag === "STYLE") continue;
    if (tag === "TR") {
      const cells = [...node.children].map((c: any) => collapse(c.textContent)).filter(Boolean);
      if (cells.length) out.push(cells.join(" | "));
      continue;
    }
    if (BLOCKS.has(tag) && !hasBlockChild(node)) {
      const text = collapse(node.textContent);
      if (!text) continue;
      out.push(HEADINGS.has(tag) ? `# ${text}` : tag === "LI" ? `- ${text}` : text);
      continue;
    }
    if (HEADINGS.has(tag)) {
      out.push(`# ${collapse(node.textContent)}`);
      continue;
    }
    walk(node, out);
  }
}

/** Plain text of an HTML fragment (feed summaries). */
export function htmlToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return collapse(document.body?.textContent);
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const textOf = (v: unknown): string => (typeof v === "object" && v !== null ? String((v as any)["#text"] ?? "") : v === undefined ? "" : String(v)).trim();

/** Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed; throws when the document is neither. */
export function parseFeed(xml: string): { title?: string; items: FeedItem[] } {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", processEntities: true, htmlEntities: true }).parse(xml);
  if (doc.rss?.channel || doc["rdf:RDF"]) {
    const channel = doc.rss?.channel ?? doc["rdf:RDF"].channel;
    const raw = asArray(doc.rss?.channel?.item ?? doc["rdf:RDF"]?.item);
    return {
      title: textOf(channel?.title) || undefined,
      items: raw.map((i: any) => {
        const link = textOf(i.link) || undefined;
        const title = htmlToText(textOf(i.title)) || "(untitled)";
        return {
          id: textOf(i.guid) || link || title,
          title,
          link,
          published: textOf(i.pubDate ?? i["dc:date"]) || undefined,
          summary: htmlToText(textOf(i.description)).slice(0, 500) || undefined,
        };
      }),
    };
  }
  if (doc.feed) {
    return {
      title: textOf(doc.feed.title) || undefined,
      items: asArray<any>(doc.feed.entry).map((e) => {
        const links = asArray<any>(e.link);
        const link = (links.find((l) => !l["@_rel"] || l["@_rel"] === "alternate") ?? links[0])?.["@_href"] as string | undefined;
        const title = htmlToText(textOf(e.title)) || "(untitled)";
        return {
          id: textOf(e.id) || link || title,
          title,
          link,
          published: textOf(e.published ?? e.updated) || undefined,
          summary: htmlToText(textOf(e.summary ?? e.content)).slice(0, 500) || undefined,
        };
      }),
    };
  }
  throw new Error("not an RSS or Atom feed");
}

/** The snapshot text of a feed: one line per item, newest first as the feed lists them. */
export function feedText(items: FeedItem[]): string {
  return items.map((i) => `- ${i.title}${i.link ? ` (${i.link})` : ""}`).join("\n");
}
