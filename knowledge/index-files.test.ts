import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findIndexFile, indexFileName, removeStaleIndexFiles, type IndexKey } from "./index-files.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kb-files-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const key = (version: number, over: Partial<IndexKey> = {}): IndexKey => ({
  audience: "public",
  instance: "0123456789abcdef",
  version,
  embedderId: "local-hash-v1-512",
  ...over,
});

describe("index files", () => {
  it("names a file by audience, database, version, embedder and dimensions", () => {
    expect(indexFileName(key(7), 512)).toBe("public-0123456789ab-v7-local_hash_v1_512-d512.hnsw");
  });

  it("finds only the file of the exact version and removes older ones of the same embedder", async () => {
    const names = [
      indexFileName(key(1), 512),
      indexFileName(key(2), 512),
      indexFileName(key(3), 512),
      indexFileName(key(1, { embedderId: "openai-x" }), 16),
      indexFileName(key(1, { audience: "internal" }), 512),
    ];
    for (const n of names) fs.writeFileSync(path.join(dir, n), "");
    expect(await findIndexFile(dir, key(2))).toEqual({ file: path.join(dir, names[1]!), dimensions: 512 });
    expect(await findIndexFile(dir, key(4))).toBeUndefined();
    expect(await findIndexFile(path.join(dir, "missing"), key(2))).toBeUndefined();
    await removeStaleIndexFiles(dir, key(2));
    expect(fs.readdirSync(dir).sort()).toEqual([names[4], names[3], names[1], names[2]].sort());
  });
});
