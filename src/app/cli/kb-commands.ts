import fs from "node:fs";
import path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { createEmbedder } from "../../../knowledge/create-embedder.js";
import type { Embedder } from "../../../knowledge/embedder.js";
import type { IngestReport } from "../../../knowledge/ingest.js";
import { createKnowledgeBase, MAX_SEARCH_K, type KnowledgeBase } from "../../../knowledge/knowledge-base.js";
import { KB_AUDIENCES, type KbAudience, type SearchHit } from "../../../knowledge/types.js";
import type { Config } from "../../core/config.js";
import { BadInputError } from "../../core/errors.js";
import { createLogger } from "../../core/logger.js";
import type { CliContext } from "./context.js";

const EMBEDDERS = ["local", "openai"] as const;
type EmbedderKind = (typeof EMBEDDERS)[number];

interface EmbedderOptions {
  embedder: EmbedderKind;
  embeddingModel?: string;
}

/** kb ingest, kb search. */
export function registerKbCommands(program: Command, ctx: CliContext): void {
  const kb = program.command("kb").description("knowledge base: ingest folders and search them");

  kb.command("ingest")
    .description("ingest a folder of Markdown, HTML, text and PDF files (only changed files are re-processed)")
    .argument("<dir>", "folder to ingest")
    .addOption(new Option("--audience <audience>", "who may read these files").choices(KB_AUDIENCES).default("public"))
    .option("--tag <tag>", "tag every file, e.g. competitor:tableau (repeatable)", collectTag, [] as string[])
    .addOption(embedderOption())
    .option("--embedding-model <model>", "embedding model for --embedder openai")
    .option("--encoding <label>", "encoding of text, Markdown and HTML files that are not UTF-8 (windows-1252, latin1…)")
    .action(async (dir: string, opts: { audience: KbAudience; tag: string[]; encoding?: string } & EmbedderOptions) => {
      if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new BadInputError(`not a directory: ${dir}`);
      await withKnowledgeBase(ctx, opts, async (base) => {
        const report = await base.ingest(dir, { audience: opts.audience, tags: opts.tag, root: process.cwd(), encoding: opts.encoding });
        for (const line of formatIngestReport(report, dir)) ctx.print(line);
      });
    });

  kb.command("search")
    .description("search the knowledge base; prints ranked passages with scores and sources")
    .argument("<query...>", "what to look for")
    .addOption(
      new Option("--audience <audience>", "search as: public = what a prospect may see, internal = everything")
        .choices(KB_AUDIENCES)
        .default("internal"),
    )
    .option("-k, --top <n>", `how many passages (1..${MAX_SEARCH_K})`, topK, 5)
    .option("--tag <tag>", "only documents with this tag (repeatable)", collectTag, [] as string[])
    .option("--json", "print one JSON object per hit")
    .addOption(embedderOption())
    .option("--embedding-model <model>", "embedding model for --embedder openai")
    .action(async (words: string[], opts: { audience: KbAudience; top: number; tag: string[]; json?: boolean } & EmbedderOptions) => {
      const query = words.join(" ").trim();
      if (query === "") throw new BadInputError("search query is empty");
      await withKnowledgeBase(ctx, opts, async (base) => {
        const hits = await base.search(query, { audience: opts.audience, k: opts.top, tags: opts.tag });
        if (opts.json) for (const h of hits) ctx.print(JSON.stringify(hitJson(h)));
        else if (hits.length === 0) ctx.print(`no results for "${query}" (audience ${opts.audience})`);
        else for (const line of formatHits(hits)) ctx.print(line);
      });
    });
}

async function withKnowledgeBase(ctx: CliContext, opts: EmbedderOptions, fn: (kb: KnowledgeBase) => Promise<void>): Promise<void> {
  const cfg = ctx.config();
  const embedder = embedderFor(cfg, opts);
  const db = await ctx.openMigratedDatabase();
  try {
    await fn(createKnowledgeBase({ pool: db.pool, dataDir: cfg.database.dataDir, embedder, logger: createLogger({ level: "warn" }) }));
  } finally {
    await db.close();
  }
}

function embedderFor(cfg: Config, opts: EmbedderOptions): Embedder {
  if (opts.embedder === "local") return createEmbedder({ kind: "local" });
  if (!cfg.llm.apiKey) throw new BadInputError("--embedder openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)");
  return createEmbedder({
    kind: "openai",
    apiKey: cfg.llm.apiKey,
    baseUrl: cfg.llm.baseUrl,
    model: opts.embeddingModel,
    timeoutMs: cfg.llm.timeoutMs,
  });
}

function embedderOption(): Option {
  return new Option("--embedder <kind>", "embedder for chunks and queries").choices(EMBEDDERS).default("local");
}

export function collectTag(value: string, previous: string[]): string[] {
  const tag = value.trim().toLowerCase().replace(/\s+/g, "_");
  if (!/^[a-z0-9][a-z0-9_.-]*(:[a-z0-9][a-z0-9_.-]*)?$/.test(tag)) {
    throw new InvalidArgumentError("expected a tag such as competitor:tableau");
  }
  return [...previous, tag];
}

function topK(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SEARCH_K) throw new InvalidArgumentError(`must be an integer 1..${MAX_SEARCH_K}`);
  return n;
}

export function formatIngestReport(report: IngestReport, dir: string): string[] {
  const lines = [
    `ingested ${path.normalize(dir)} (audience ${report.audience}): ${report.scanned} files - ` +
      `${report.added.length} added, ${report.updated.length} updated, ${report.removed.length} removed, ` +
      `${report.unchanged} unchanged; ${report.chunks} chunks written; knowledge base version ${report.version}`,
  ];
  for (const s of report.skipped) lines.push(`skipped ${s.sourcePath}: ${s.reason}`);
  return lines;
}

export function formatHits(hits: readonly SearchHit[]): string[] {
  return hits.flatMap((h, i) => {
    const where = [h.title, h.heading].filter(Boolean).join(" > ");
    const snippet = h.body.replace(/\s+/g, " ");
    return [
      `${i + 1}. score ${h.score.toFixed(4)}  ${h.sourcePath}  [${h.audience}]  ${where}`,
      `   ${snippet.length > 240 ? `${snippet.slice(0, 237)}...` : snippet}`,
    ];
  });
}

function hitJson(h: SearchHit) {
  return {
    score: Number(h.score.toFixed(6)),
    source: h.sourcePath,
    title: h.title,
    heading: h.heading,
    audience: h.audience,
    tags: h.tags,
    similarity: h.similarity === undefined ? null : Number(h.similarity.toFixed(4)),
    bm25: h.bm25 === undefined ? null : Number(h.bm25.toFixed(4)),
    text: h.body,
  };
}
