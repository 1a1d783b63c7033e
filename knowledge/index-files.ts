import fs from "node:fs/promises";
import path from "node:path";
import type { KbAudience } from "./types.js";

/**
 * Vector index files under `<dataDir>/knowledge/`. The name says what the file holds — audience, database
 * instance, knowledge-base version, embedder and dimensions — so a file either matches the database or
 * is ignored; no separate manifest can disagree with it.
 */
export interface IndexKey {
  audience: KbAudience;
  instance: string;
  version: number;
  embedderId: string;
}

export function indexDir(dataDir: string): string {
  return path.join(dataDir, "knowledge");
}

function prefix(key: Omit<IndexKey, "version">): string {
  return `${key.audience}-${key.instance.slice(0, 12)}-`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "_");
}

export function indexFileName(key: IndexKey, dimensions: number): string {
  return `${prefix(key)}v${key.version}-${slug(key.embedderId)}-d${dimensions}.hnsw`;
}

/** The file for exactly this key, with the dimensions its name records; undefined when there is none. */
export async function findIndexFile(dir: string, key: IndexKey): Promise<{ file: string; dimensions: number } | undefined> {
  const start = `${prefix(key)}v${key.version}-${slug(key.embedderId)}-d`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const dims = name.startsWith(start) ? /^(\d+)\.hnsw$/.exec(name.slice(start.length))?.[1] : undefined;
    if (dims) return { file: path.join(dir, name), dimensions: Number(dims) };
  }
  return undefined;
}

/**
 * Deletes this audience's files of the same database and embedder for older versions; best effort. Newer
 * ones may belong to a process that is ahead of this one, so they stay.
 */
export async function removeStaleIndexFiles(dir: string, key: IndexKey): Promise<void> {
  const pattern = new RegExp(`^${escape(prefix(key))}v(\\d+)-${escape(slug(key.embedderId))}-d\\d+\\.hnsw$`);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => Number(pattern.exec(n)?.[1] ?? Number.POSITIVE_INFINITY) < key.version)
      .map((n) => fs.rm(path.join(dir, n), { force: true }).catch(() => undefined)),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Index files of one database (instance) in the directory, with the version and embedder their names record. */
export async function listIndexFiles(dir: string, instance: string): Promise<{ file: string; audience: KbAudience; version: number; embedder: string }[]> {
  const pattern = /^(public|internal)-([0-9a-z]+)-v(\d+)-([a-z0-9_]+)-d\d+\.hnsw$/;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.flatMap((name) => {
    const m = pattern.exec(name);
    if (!m || m[2] !== instance.slice(0, 12)) return [];
    return [{ file: path.join(dir, name), audience: m[1] as KbAudience, version: Number(m[3]), embedder: m[4]! }];
  });
}
