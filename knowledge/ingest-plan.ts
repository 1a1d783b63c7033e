import { createHash } from "node:crypto";
import path from "node:path";
import type { KbAudience } from "./types.js";

export interface Fingerprinted {
  sourcePath: string;
  contentHash: string;
}

export interface IngestPlan {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

/** What an ingest must do: files new or edited since the last ingest, files gone, files untouched. */
export function planIngest(existing: readonly Fingerprinted[], scanned: readonly Fingerprinted[]): IngestPlan {
  const before = new Map(existing.map((d) => [d.sourcePath, d.contentHash]));
  const now = new Set(scanned.map((d) => d.sourcePath));
  const plan: IngestPlan = { added: [], changed: [], unchanged: [], removed: [] };
  for (const file of scanned) {
    const hash = before.get(file.sourcePath);
    if (hash === undefined) plan.added.push(file.sourcePath);
    else if (hash !== file.contentHash) plan.changed.push(file.sourcePath);
    else plan.unchanged.push(file.sourcePath);
  }
  for (const doc of existing) if (!now.has(doc.sourcePath)) plan.removed.push(doc.sourcePath);
  plan.removed.sort();
  return plan;
}

/**
 * The fingerprint that decides whether a file is re-ingested: its bytes, and everything else that changes
 * its chunks — the chunker version, the audience and the tags it is ingested with.
 */
export function contentHash(bytes: Uint8Array, chunker: string, audience: KbAudience, tags: readonly string[]): string {
  return createHash("sha256")
    .update(`${chunker}\0${audience}\0${[...tags].sort().join(",")}\0`)
    .update(bytes)
    .digest("hex");
}

export function documentId(sourcePath: string): string {
  return `doc_${createHash("sha256").update(sourcePath).digest("hex").slice(0, 24)}`;
}

/**
 * Where a file is recorded: relative to root with forward slashes ("knowledge/demo/public/faq.md"), or
 * absolute when it lies outside root.
 */
export function sourcePathOf(root: string, file: string): string {
  const rel = path.relative(root, file);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return path.resolve(file).split(path.sep).join("/");
  return rel.split(path.sep).join("/");
}

/** The source-path prefix of everything under dir; an ingest of dir owns, and may delete, exactly these. */
export function scopePrefix(root: string, dir: string): string {
  const rel = path.relative(root, dir);
  if (rel === "") return "";
  const base = rel.startsWith("..") || path.isAbsolute(rel) ? path.resolve(dir).split(path.sep).join("/") : rel.split(path.sep).join("/");
  return `${base.replace(/\/+$/, "")}/`;
}

/** Either the more restrictive audience wins: a file marked internal stays internal in a public folder. */
export function effectiveAudience(requested: KbAudience, declared: KbAudience | undefined): KbAudience {
  return requested === "internal" || declared === "internal" ? "internal" : "public";
}

/** Tags are lower-case `key:value` or bare words; duplicates collapse. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase().replace(/\s+/g, "_")).filter(Boolean))].sort();
}
