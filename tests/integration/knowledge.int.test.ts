import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_KNOWLEDGE_DIR, seedDemoKnowledge } from "../../knowledge/demo/seed.js";
import type { Embedder } from "../../knowledge/embedder.js";
import { indexDir } from "../../knowledge/index-files.js";
import { createKnowledgeBase, type KnowledgeBase } from "../../knowledge/knowledge-base.js";
import { createLocalEmbedder } from "../../knowledge/local-embedder.js";
import { minimalPdf } from "../../knowledge/parsers/minimal-pdf.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const kinds = await databaseKinds();

/** Phrases that appear only in internal documents (battlecards, discount guidelines). */
const INTERNAL_PHRASES = ["Operation Lighthouse", "LIGHTHOUSE-25", "walk-away floor", "COMP-DISPLACE", "win rate against Power BI"];

/** The local embedder, counting how many texts it embeds. */
function countingEmbedder(dimensions?: number): Embedder & { embedded: number } {
  const inner = createLocalEmbedder({ dimensions });
  const counter = {
    id: inner.id,
    embedded: 0,
    async embedDocuments(texts: readonly string[]) {
      counter.embedded += texts.length;
      return inner.embedDocuments(texts);
    },
    embedQuery: (text: string) => inner.embedQuery(text),
  };
  return counter;
}

describe.each(kinds)("knowledge base on %s", (kind) => {
  let db: TestDatabase;
  let tmp: string;
  let root: string;
  let dataDir: string;
  let kb: KnowledgeBase;
  const demo = () => path.join(root, "knowledge", "demo");
  const seed = (base: KnowledgeBase = kb) => seedDemoKnowledge(base, { dir: demo(), root });
  const docChunks = async () =>
    (
      await db.pool.query<{ source_path: string; id: string }>(
        "select d.source_path, c.id from kb_chunks c join kb_documents d on d.id = c.document_id order by c.id",
      )
    ).rows;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kb-int-${kind}-`));
    root = path.join(tmp, "repo");
    dataDir = path.join(tmp, "data");
    fs.cpSync(DEMO_KNOWLEDGE_DIR, demo(), { recursive: true, filter: (src) => !src.endsWith(".ts") });
    kb = createKnowledgeBase({ pool: db.pool, dataDir, embedder: createLocalEmbedder() });
  });
  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("ingests the demo knowledge and answers with sources, titles and headings", async () => {
    const report = await seed();
    expect(report.public).toMatchObject({ scanned: 14, updated: [], removed: [], unchanged: 0 });
    expect(report.public.added).toContain("knowledge/demo/public/faq.md");
    expect(report.internal.added).toContain("knowledge/demo/internal/battlecards/tableau.md");
    expect(report.internal.added).toHaveLength(7);

    const hits = await kb.search("Can we sign in with Okta over SAML?", { audience: "public", k: 3 });
    expect(hits.map((h) => h.sourcePath)).toContain("knowledge/demo/public/faq.md");
    expect(hits[0]).toMatchObject({ audience: "public", title: expect.any(String), heading: expect.any(String) });
    expect(hits[0]!.score).toBeGreaterThan(0);

    const again = await seed();
    expect(again.public).toMatchObject({ added: [], updated: [], removed: [], unchanged: 14, chunks: 0 });
    expect(again.internal.version).toBe(report.internal.version);
  });

  it("never lets an internal-only phrase reach a public search, and finds it for internal ones", async () => {
    for (const phrase of INTERNAL_PHRASES) {
      const publicHits = await kb.search(phrase, { audience: "public", k: 50 });
      expect(publicHits.every((h) => h.audience === "public"), phrase).toBe(true);
      expect(publicHits.some((h) => h.body.toLowerCase().includes(phrase.toLowerCase())), phrase).toBe(false);

      const internalHits = await kb.search(phrase, { audience: "internal", k: 3 });
      expect(internalHits[0]!.audience, phrase).toBe("internal");
      expect(internalHits.some((h) => h.body.toLowerCase().includes(phrase.toLowerCase())), phrase).toBe(true);
    }
    const tableau = await kb.search("how do we beat them", { audience: "public", k: 10, tags: ["competitor:tableau"] });
    expect(new Set(tableau.map((h) => h.sourcePath))).toEqual(new Set(["knowledge/demo/public/compare/helix-vs-alternatives.md"]));
  });

  it("re-chunks only the edited file on re-ingest", async () => {
    const before = await docChunks();
    const faq = "knowledge/demo/public/faq.md";
    fs.appendFileSync(path.join(root, faq), "\n### Do you accept payment in pineapples?\n\nNo, invoices are payable in US dollars only.\n");
    const report = await seed();
    expect(report.public).toMatchObject({ added: [], updated: [faq], removed: [], unchanged: 13 });
    expect(report.internal).toMatchObject({ added: [], updated: [], unchanged: 7 });

    const after = await docChunks();
    const ids = (rows: typeof before, keep: (p: string) => boolean) => rows.filter((r) => keep(r.source_path)).map((r) => r.id);
    expect(ids(after, (p) => p !== faq)).toEqual(ids(before, (p) => p !== faq));
    const oldFaq = new Set(ids(before, (p) => p === faq));
    expect(ids(after, (p) => p === faq).some((id) => oldFaq.has(id))).toBe(false);

    const hits = await kb.search("pay with pineapples", { audience: "public", k: 1 });
    expect(hits[0]).toMatchObject({ sourcePath: faq, heading: expect.stringContaining("pineapples") });
  });

  it("removes the chunks of a deleted file", async () => {
    const gone = "knowledge/demo/public/case-studies/coastline-freight.md";
    fs.rmSync(path.join(root, gone));
    const report = await seed();
    expect(report.public.removed).toEqual([gone]);
    expect((await docChunks()).some((r) => r.source_path === gone)).toBe(false);
    const hits = await kb.search("Coastline Freight depots on-time delivery", { audience: "internal", k: 50 });
    expect(hits.some((h) => h.sourcePath === gone)).toBe(false);
  });

  it("rebuilds missing or corrupt vector index files from the stored embeddings", async () => {
    const files = () => fs.readdirSync(indexDir(dataDir)).filter((f) => f.endsWith(".hnsw")).sort();
    const written = files();
    expect(written.map((f) => f.split("-")[0])).toEqual(["internal", "public"]);

    fs.rmSync(indexDir(dataDir), { recursive: true });
    const embedder = countingEmbedder();
    const fresh = createKnowledgeBase({ pool: db.pool, dataDir, embedder });
    const hits = await fresh.search("What does Helix Enterprise cost per year?", { audience: "public", k: 5 });
    expect(hits.map((h) => h.sourcePath)).toContain("knowledge/demo/public/products/helix-enterprise.md");
    expect(embedder.embedded).toBe(0);
    expect(files()).toEqual(written);

    fs.writeFileSync(path.join(indexDir(dataDir), written[1]!), "not an index");
    const again = createKnowledgeBase({ pool: db.pool, dataDir, embedder: createLocalEmbedder() });
    expect((await again.search("SOC 2 report", { audience: "public", k: 1 }))[0]!.sourcePath).toBe(
      "knowledge/demo/public/security-and-compliance.md",
    );
    expect(fs.statSync(path.join(indexDir(dataDir), written[1]!)).size).toBeGreaterThan(100);
  });

  it("sees another process's ingest without a restart, and reads HTML, text and PDF", async () => {
    const otherDataDir = path.join(tmp, "other-data");
    const other = createKnowledgeBase({ pool: db.pool, dataDir: otherDataDir, embedder: createLocalEmbedder() });
    expect((await other.search("quokka", { audience: "internal", k: 5 })).some((h) => h.body.includes("quokka"))).toBe(false);

    const extra = path.join(root, "extra");
    fs.mkdirSync(extra);
    fs.writeFileSync(path.join(extra, "release.html"), "<h1>Release notes</h1><h2>Quokka</h2><p>The quokka release adds map tiles.</p>");
    fs.writeFileSync(path.join(extra, "notes.txt"), "Field notes\nA wombat integration is planned.");
    fs.writeFileSync(
      path.join(extra, "whitepaper.pdf"),
      minimalPdf([
        { text: "Platypus whitepaper", size: 20 },
        { text: "Encryption", size: 15 },
        { text: "Platypus keys rotate every 90 days.", size: 11 },
      ]),
    );
    fs.writeFileSync(path.join(extra, "secret.md"), "---\naudience: internal\n---\n# Numbat plan\nThe numbat pricing floor is secret.");
    const report = await kb.ingest(extra, { audience: "public", root, tags: ["Release"] });
    expect(report.added).toEqual(["extra/notes.txt", "extra/release.html", "extra/secret.md", "extra/whitepaper.pdf"]);
    expect(report.skipped).toEqual([]);

    const quokka = await other.search("quokka map tiles", { audience: "public", k: 1, tags: ["release"] });
    expect(quokka[0]).toMatchObject({ sourcePath: "extra/release.html", title: "Release notes", heading: "Quokka" });
    expect((await other.search("wombat", { audience: "public", k: 1 }))[0]!.sourcePath).toBe("extra/notes.txt");
    expect((await other.search("platypus key rotation", { audience: "public", k: 1 }))[0]).toMatchObject({
      sourcePath: "extra/whitepaper.pdf",
      title: "Platypus whitepaper",
      heading: "Encryption",
    });
    // front matter marked it internal: a public folder cannot make it public
    expect((await other.search("numbat pricing floor", { audience: "public", k: 50 })).some((h) => h.sourcePath === "extra/secret.md")).toBe(false);
    expect((await other.search("numbat pricing floor", { audience: "internal", k: 1 }))[0]!.sourcePath).toBe("extra/secret.md");
  });

  it("re-embeds stored chunks when the embedder changes", async () => {
    const embedder = countingEmbedder(256);
    const switched = createKnowledgeBase({ pool: db.pool, dataDir, embedder });
    const stats = await switched.stats();
    expect(embedder.embedded).toBe(stats.chunks.public + stats.chunks.internal);
    expect((await switched.search("row-level security for branch managers", { audience: "public", k: 3 })).map((h) => h.sourcePath)).toContain(
      "knowledge/demo/public/products/helix-governance.md",
    );
    const { rows } = await db.pool.query<{ embedder: string; n: string }>("select embedder, count(*) as n from kb_chunks group by embedder");
    expect(rows).toEqual([{ embedder: "local-hash-v1-256", n: String(stats.chunks.public + stats.chunks.internal) }]);
  });
});
