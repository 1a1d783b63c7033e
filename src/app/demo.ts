import type pg from "pg";
import { seedDemoKnowledge } from "../../knowledge/demo/seed.js";
import type { KnowledgeBase } from "../../knowledge/knowledge-base.js";
import { seedDemoData } from "../demo/seed.js";

/** The whole demo: the generated CRM and the seller's knowledge base. Idempotent. */
export async function loadDemo(pool: pg.Pool, kb: Pick<KnowledgeBase, "ingest">) {
  const crm = await seedDemoData(pool);
  const knowledge = await seedDemoKnowledge(kb);
  const documents = knowledge.public.added.length + knowledge.internal.added.length;
  const changed = documents + knowledge.public.updated.length + knowledge.internal.updated.length;
  const summary = [
    crm.inserted
      ? `demo data loaded: ${Object.entries(crm.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`
      : "demo CRM already present; nothing changed",
    changed > 0 ? `knowledge base: ${documents} documents added, ${changed - documents} updated` : "knowledge base up to date",
  ];
  return { crm, knowledge, summary: summary.join("; ") };
}
