import path from "node:path";
import { fileURLToPath } from "node:url";
import type { IngestReport } from "../ingest.js";
import type { KnowledgeBase } from "../knowledge-base.js";

/** The repository root: demo sources are recorded as "knowledge/demo/public/faq.md" whatever the cwd. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEMO_KNOWLEDGE_DIR = path.join(REPO_ROOT, "knowledge", "demo");

export interface DemoKnowledgeReport {
  public: IngestReport;
  internal: IngestReport;
}

/**
 * Ingests the demo seller's knowledge: `public/` for prospects, `internal/` (battlecards, objection
 * handling, discount guidelines) for reps and managers only. Competitor tags come from each battlecard's
 * front matter. Idempotent: a second run changes nothing unless a file changed.
 */
export async function seedDemoKnowledge(
  kb: Pick<KnowledgeBase, "ingest">,
  options: { dir?: string; root?: string } = {},
): Promise<DemoKnowledgeReport> {
  const dir = options.dir ?? DEMO_KNOWLEDGE_DIR;
  const root = options.root ?? REPO_ROOT;
  return {
    public: await kb.ingest(path.join(dir, "public"), { audience: "public", root }),
    internal: await kb.ingest(path.join(dir, "internal"), { audience: "internal", root }),
  };
}
