#!/usr/bin/env node
// Runs the CLI compiled at install time (dist/, built by bin/build-dist.js on `npm ci`), which starts in a
// fraction of a second. Without dist/ — or, in a git working tree, when a source file is newer than the
// build — it runs the TypeScript directly through tsx, so a developer's edits are never hidden by a stale build.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST_ENTRY = path.join(ROOT, "dist", "src", "app", "cli", "index.js");
const SOURCE_DIRS = ["agents", "tools", "channels", "knowledge", "src"];

function newestSourceAfter(dir, since) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (newestSourceAfter(full, since)) return true;
    } else if (fs.statSync(full).mtimeMs > since) {
      return true;
    }
  }
  return false;
}

function distIsUsable() {
  if (process.env.SALESGRAPH_NO_DIST === "1") return false;
  let builtAt;
  try {
    builtAt = fs.statSync(path.join(ROOT, "dist", "build-info.json")).mtimeMs;
    fs.accessSync(DIST_ENTRY);
  } catch {
    return false;
  }
  // An installed package never changes under dist/; only a working tree can hold newer sources.
  if (!fs.existsSync(path.join(ROOT, ".git"))) return true;
  return !SOURCE_DIRS.some((d) => fs.existsSync(path.join(ROOT, d)) && newestSourceAfter(path.join(ROOT, d), builtAt));
}

let entry;
if (distIsUsable()) {
  entry = pathToFileURL(DIST_ENTRY).href;
} else {
  const { register } = await import("tsx/esm/api");
  register();
  entry = pathToFileURL(path.join(ROOT, "src", "app", "cli", "index.ts")).href;
}
const { main } = await import(entry);
process.exitCode = await main(process.argv);
