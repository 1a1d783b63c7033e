import fs from "node:fs";
import { parse } from "yaml";
import { BadInputError } from "../../src/core/errors.js";
import type { IntelSourceKind } from "../../src/core/intel.js";
import { IntelConfigFile } from "./schema.js";
import { guessKind } from "./watcher.js";

export interface ConfiguredSource {
  competitor: string;
  url: string;
  kind: IntelSourceKind;
}

/** Parses config/intel.yaml (or .json: YAML is a superset) into sources; a bad file names its first problem. */
export function parseIntelConfig(text: string, file = "config/intel.yaml"): ConfiguredSource[] {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    throw new BadInputError(`${file}: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = IntelConfigFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadInputError(`${file}: ${issue.path.join(".") || "root"}: ${issue.message}`);
  }
  const out: ConfiguredSource[] = [];
  for (const [competitor, entries] of Object.entries(parsed.data.competitors ?? {})) {
    for (const e of entries) {
      const url = typeof e === "string" ? e : e.url;
      out.push({ competitor, url, kind: (typeof e === "string" ? undefined : e.kind) ?? guessKind(url) });
    }
  }
  for (const s of parsed.data.sources ?? []) out.push({ competitor: s.competitor, url: s.url, kind: s.kind ?? guessKind(s.url) });
  for (const s of out) validateSourceUrl(s.url, s.kind);
  return out;
}

/** undefined when the file does not exist (no configured sources). */
export function readIntelConfig(file: string): ConfiguredSource[] | undefined {
  if (!fs.existsSync(file)) return undefined;
  return parseIntelConfig(fs.readFileSync(file, "utf8"), file);
}

export function validateSourceUrl(url: string, kind: IntelSourceKind): void {
  if (kind === "file") {
    if (/^https?:/i.test(url)) throw new BadInputError(`a file source is a path or file: URL, not ${url}`);
    return;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BadInputError(`not a URL: ${url}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new BadInputError(`a ${kind} source needs an http(s) URL (got ${url})`);
}
