import { KB_AUDIENCES, type KbAudience } from "../types.js";

export interface FrontMatter {
  title?: string;
  audience?: KbAudience;
  tags: string[];
}

/**
 * The small subset of YAML front matter a knowledge file uses: `title: …`, `audience: public|internal`,
 * `tags: [a, b]` or `tags: a, b` or a `- item` list. Unknown keys are ignored, so richer front matter from
 * other tools does not break ingestion.
 */
export function splitFrontMatter(source: string): { meta: FrontMatter; body: string } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return { meta: { tags: [] }, body: source };
  const meta: FrontMatter = { tags: [] };
  let listKey: string | undefined;
  for (const line of match[1]!.split(/\r?\n/)) {
    const item = /^\s*-\s+(.+)$/.exec(line);
    if (item && listKey === "tags") {
      meta.tags.push(unquote(item[1]!));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = pair[1]!.toLowerCase();
    const value = pair[2]!.trim();
    listKey = value === "" ? key : undefined;
    if (key === "title" && value) meta.title = unquote(value);
    // a document's public address travels as a tag, so answers can link to the page instead of a file path
    if (/^(url|source_url|canonical_url|canonical|permalink|link)$/.test(key) && /^["']?https?:\/\//i.test(value)) {
      meta.tags.push(`url:${unquote(value)}`);
    }
    if (key === "audience" && (KB_AUDIENCES as readonly string[]).includes(unquote(value))) {
      meta.audience = unquote(value) as KbAudience;
    }
    if (key === "tags" && value) {
      meta.tags.push(
        ...value
          .replace(/^\[|\]$/g, "")
          .split(",")
          .map(unquote)
          .filter(Boolean),
      );
    }
  }
  return { meta, body: source.slice(match[0].length) };
}

function unquote(value: string): string {
  return value.trim().replace(/^(["'])(.*)\1$/, "$2").trim();
}
