import { Parser } from "htmlparser2";
import { KB_AUDIENCES, type KbAudience, type ParsedDocument } from "../types.js";
import { SectionBuilder } from "./sections.js";

/** Never text a reader sees, or boilerplate repeated on every page of a site. */
const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "button"]);
const BLOCKS = new Set([
  "p", "div", "section", "article", "main", "header", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd",
  "table", "thead", "tbody", "tr", "blockquote", "pre", "figure", "figcaption", "details", "summary",
]);

/**
 * HTML → title + sections by `h1`–`h6`. Text inside scripts, styles, navigation and footers is dropped;
 * block elements break paragraphs; list items keep a dash and table cells a pipe. `<meta name="audience">`
 * and `<meta name="keywords">`-style `<meta name="tags">` play the role of Markdown front matter.
 */
export function parseHtml(source: string, fallbackTitle: string): ParsedDocument {
  const builder = new SectionBuilder();
  let skipDepth = 0;
  let titleText = "";
  let inTitle = false;
  let heading: { level: number; text: string } | undefined;
  let firstH1: string | undefined;
  let sawSection = false;
  let line = "";
  let audience: KbAudience | undefined;
  const tags: string[] = [];

  const endLine = () => {
    if (line.trim()) builder.line(line);
    line = "";
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "title") inTitle = true;
        if (name === "meta") {
          const key = (attributes.name ?? "").toLowerCase();
          const content = (attributes.content ?? "").trim();
          if (key === "audience" && (KB_AUDIENCES as readonly string[]).includes(content)) audience = content as KbAudience;
          if (key === "tags") tags.push(...content.split(",").map((t) => t.trim()).filter(Boolean));
        }
        if (SKIPPED.has(name)) skipDepth++;
        if (skipDepth > 0) return;
        const level = /^h([1-6])$/.exec(name)?.[1];
        if (level) {
          endLine();
          heading = { level: Number(level), text: "" };
        } else if (BLOCKS.has(name)) {
          endLine();
          if (name === "p" || name === "table" || name === "ul" || name === "ol") builder.paragraph();
          if (name === "li") line = "- ";
        } else if ((name === "td" || name === "th") && line.trim()) {
          line += " | ";
        }
      },
      ontext(text) {
        if (inTitle) {
          titleText += text;
          return;
        }
        if (skipDepth > 0) return;
        if (heading) heading.text += text;
        else line += text;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (heading && name === `h${heading.level}`) {
          const text = heading.text.replace(/\s+/g, " ").trim();
          if (heading.level === 1 && firstH1 === undefined && !sawSection) firstH1 = text;
          else {
            builder.heading(heading.level, text);
            sawSection = true;
          }
          heading = undefined;
        } else if (BLOCKS.has(name)) {
          endLine();
          if (name === "p") builder.paragraph();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(source);
  parser.end();
  endLine();
  const title = firstH1 || titleText.replace(/\s+/g, " ").trim() || fallbackTitle;
  return { title, sections: builder.finish(), audience, tags };
}
