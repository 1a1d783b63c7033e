#!/usr/bin/env node
// Compiles the TypeScript of the runtime folders into dist/ (one .js per .ts, same layout), and copies the
// data files the code reads next to itself (JSONL examples, migrations, demo knowledge, widget, JSON tables),
// so paths built from import.meta.url resolve the same way in dist/ as in the source tree.
// Runs as `prepare` (so on `npm ci` and `npm install`) and as `npm run build`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "dist");
export const SOURCE_DIRS = ["agents", "tools", "channels", "knowledge", "src"];
const isTest = (name) => /\.(test|spec)\.ts$/.test(name) || name.endsWith(".contract.ts");

function walk(dir, files = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else files.push(full);
  }
  return files;
}

const started = performance.now();
const startedAt = new Date();
const files = SOURCE_DIRS.flatMap((d) => walk(path.join(ROOT, d)));
const sources = files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !isTest(path.basename(f)));
const assets = files.filter((f) => !f.endsWith(".ts"));

fs.rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: sources,
  outdir: OUT,
  outbase: ROOT,
  bundle: false,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: false,
  logLevel: "warning",
});
for (const file of assets) {
  const target = path.join(OUT, path.relative(ROOT, file));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(file, target);
}
// The stamp bin/salesgraph.js compares source times against (in a working tree, a newer .ts means stale).
// Dated by the build's start, so a source saved while the build ran still counts as newer.
const stamp = path.join(OUT, "build-info.json");
fs.writeFileSync(stamp, `${JSON.stringify({ builtAt: startedAt.toISOString(), sources: sources.length, assets: assets.length })}\n`);
fs.utimesSync(stamp, startedAt, startedAt);
process.stdout.write(`salesgraph: compiled ${sources.length} files and copied ${assets.length} data files into dist/ in ${Math.round(performance.now() - started)} ms\n`);
