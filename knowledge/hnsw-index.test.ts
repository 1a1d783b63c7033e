import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildHnswIndex, loadHnswIndex } from "./hnsw-index.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hnsw-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const items = [
  { id: 101, vector: new Float32Array([1, 0, 0]) },
  { id: 202, vector: new Float32Array([0.9, 0.1, 0]) },
  { id: 303, vector: new Float32Array([0, 1, 0]) },
  { id: 404, vector: new Float32Array([0, 0, 1]) },
];

describe("HNSW index", () => {
  it("returns nearest chunk ids by cosine similarity, honouring a filter and k above the size", () => {
    const index = buildHnswIndex(items, 3);
    const hits = index.search(new Float32Array([1, 0, 0]), 2);
    expect(hits.map((h) => h.id)).toEqual([101, 202]);
    expect(hits[0]!.similarity).toBeCloseTo(1, 5);
    expect(index.search(new Float32Array([1, 0, 0]), 10, (id) => id > 300).map((h) => h.id)).toEqual([303, 404]);
    expect(index.search(new Float32Array([1, 0, 0]), 99)).toHaveLength(4);
    expect(index.ids()).toEqual([101, 202, 303, 404]);
  });

  it("saves atomically and loads the same index", async () => {
    const file = path.join(tmp, "nested", "a.hnsw");
    await buildHnswIndex(items, 3).save(file);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["a.hnsw"]);
    const loaded = await loadHnswIndex(file, 3);
    expect(loaded.size).toBe(4);
    expect(loaded.search(new Float32Array([0, 1, 0.1]), 1)[0]!.id).toBe(303);
    await expect(loadHnswIndex(path.join(tmp, "missing.hnsw"), 3)).rejects.toThrow();
  });

  it("rejects a vector of the wrong dimension and handles an empty index", () => {
    expect(() => buildHnswIndex([{ id: 1, vector: new Float32Array(2) }], 3)).toThrow(/2 dimensions, expected 3/);
    expect(buildHnswIndex([], 3).search(new Float32Array(3), 5)).toEqual([]);
  });
});
