import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The installed package's version: the nearest package.json named "salesgraph" above this file (src/ or dist/src/). */
export function packageVersion(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "salesgraph" && pkg.version) return pkg.version;
    } catch {
      // no package.json here: keep climbing
    }
    if (path.dirname(dir) === dir) return "0.0.0";
  }
}
