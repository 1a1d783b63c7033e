import fs from "node:fs/promises";
import path from "node:path";
import { formatOf } from "./parsers/index.js";

/**
 * Every file under dir the knowledge base can read, sorted. Hidden files and folders (".git"), and
 * node_modules, are skipped; symbolic links are not followed, so a link loop cannot hang an ingest.
 */
export async function scanFolder(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string): Promise<void> {
    const entries = await fs.readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && formatOf(entry.name)) out.push(full);
    }
  }
  await walk(dir);
  return out.sort();
}
