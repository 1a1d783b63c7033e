import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { seedDemoKnowledge } from "../knowledge/demo/seed.js";
import type { Embedder } from "../knowledge/embedder.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import { createLocalEmbedder } from "../knowledge/local-embedder.js";
import { distinctRank, meanReciprocalRank, quantile, recallAtK } from "../knowledge/ranking-metrics.js";
import { KB_AUDIENCES } from "../knowledge/types.js";
import { migrate } from "../src/infra/postgres/migrate.js";
import { openDatabase } from "../src/infra/postgres/pool.js";
import { percent, textTable } from "./evaluators/classification-metrics.js";

export const KB_QUESTIONS_PATH = fileURLToPath(new URL("./datasets/kb-questions.jsonl", import.meta.url));
export const KB_TARGET_RECALL_AT_5 = 0.9;
/** Chunks retrieved per question; documents are ranked by their first chunk in this list. */
const RETRIEVED_CHUNKS = 20;

const QuestionLine = z.object({
  question: z.string().min(1),
  expected_source: z.string().min(1),
  audience: z.enum(KB_AUDIENCES),
});
export type KbQuestion = z.infer<typeof QuestionLine>;

export interface KbCaseResult extends KbQuestion {
  /** Rank of the expected document among distinct documents retrieved (undefined: not in the top 20 chunks). */
  rank?: number;
  /** Rank of its first chunk among chunks. */
  chunkRank?: number;
  top: string;
}

export interface KnowledgeEvalReport {
  dataset: string;
  embedder: string;
  cases: number;
  documents: number;
  chunks: number;
  ingestMs: number;
  queryP50Ms: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  /** Stricter: the expected document has a chunk among the first 5 chunks. */
  chunkRecallAt5: number;
  target: number;
  results: KbCaseResult[];
}

export function parseKbQuestions(source: string): KbQuestion[] {
  return source
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const parsed = QuestionLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`kb question line ${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/**
 * Retrieval quality over the demo knowledge base: seeds it into an in-memory PGlite with the local
 * embedder (or the one given), asks each held-out question with its audience, and scores where the
 * document that answers it ranks.
 */
export async function runKnowledgeEval(options: { datasetPath?: string; embedder?: Embedder } = {}): Promise<KnowledgeEvalReport> {
  const dataset = options.datasetPath ?? KB_QUESTIONS_PATH;
  const questions = parseKbQuestions(await fs.readFile(dataset, "utf8"));
  const embedder = options.embedder ?? createLocalEmbedder();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "salesgraph-kb-eval-"));
  const db = await openDatabase({ dataDir, inMemory: true });
  try {
    await migrate(db.pool);
    const kb = createKnowledgeBase({ pool: db.pool, dataDir, embedder });
    const started = performance.now();
    await seedDemoKnowledge(kb);
    const ingestMs = performance.now() - started;
    const stats = await kb.stats();
    const latencies: number[] = [];
    const results: KbCaseResult[] = [];
    for (const q of questions) {
      const t0 = performance.now();
      const hits = await kb.search(q.question, { audience: q.audience, k: RETRIEVED_CHUNKS });
      latencies.push(performance.now() - t0);
      const sources = hits.map((h) => h.sourcePath);
      const chunkIndex = sources.indexOf(q.expected_source);
      results.push({
        ...q,
        rank: distinctRank(sources, q.expected_source),
        chunkRank: chunkIndex < 0 ? undefined : chunkIndex + 1,
        top: sources[0] ?? "",
      });
    }
    const ranks = results.map((r) => r.rank);
    return {
      dataset,
      embedder: embedder.id,
      cases: results.length,
      documents: stats.documents,
      chunks: stats.chunks.public + stats.chunks.internal,
      ingestMs: Math.round(ingestMs),
      queryP50Ms: quantile(latencies, 0.5),
      recallAt1: recallAtK(ranks, 1),
      recallAt5: recallAtK(ranks, 5),
      mrr: meanReciprocalRank(ranks),
      chunkRecallAt5: recallAtK(
        results.map((r) => r.chunkRank),
        5,
      ),
      target: KB_TARGET_RECALL_AT_5,
      results,
    };
  } finally {
    await db.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

export function formatKnowledgeReport(report: KnowledgeEvalReport): string {
  const status = report.recallAt5 >= report.target ? "PASS" : "FAIL";
  const short = (source: string) => source.replace(/^knowledge\/demo\//, "");
  const lines = [
    `Knowledge retrieval (held-out ${report.cases} questions over ${report.documents} demo documents, ${report.chunks} chunks; embedder ${report.embedder})`,
    `recall@5 ${percent(report.recallAt5)} [${status}, target ${percent(report.target, 0)}]; recall@1 ${percent(report.recallAt1)}; MRR ${report.mrr.toFixed(3)}; chunk recall@5 ${percent(report.chunkRecallAt5)}`,
    `ingest ${report.ingestMs} ms; query p50 ${report.queryP50Ms.toFixed(2)} ms (hybrid: HNSW + BM25, reciprocal rank fusion)`,
  ];
  const misses = report.results.filter((r) => r.rank !== 1);
  if (misses.length > 0) {
    lines.push(
      "",
      textTable(
        ["rank", "audience", "question", "expected", "ranked first"],
        misses.map((r) => [
          r.rank === undefined ? "-" : String(r.rank),
          r.audience,
          r.question.length > 60 ? `${r.question.slice(0, 57)}...` : r.question,
          short(r.expected_source),
          short(r.top),
        ]),
        [1, 2, 3, 4],
      ),
    );
  }
  return lines.join("\n");
}
