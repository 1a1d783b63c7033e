import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerFromKnowledge } from "../../agents/sales-assistant/answers/answer-from-knowledge.js";
import { seedDemoKnowledge } from "../../knowledge/demo/seed.js";
import { createKnowledgeBase, type KnowledgeBase } from "../../knowledge/knowledge-base.js";
import { createLocalEmbedder } from "../../knowledge/local-embedder.js";
import { PRODUCTS } from "../../src/demo/catalog.js";
import type { Channel } from "../../src/core/domain.js";
import { createCatalogRepo } from "../../src/infra/postgres/catalog-repo.js";
import type { LlmProvider } from "../../src/llm/provider.js";
import { createCatalogTool } from "../../tools/catalog/tool.js";
import { createKnowledgeSearchTool } from "../../tools/knowledge/tool.js";
import { ToolRegistry } from "../../tools/registry.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const DATASET = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../evals/datasets/answerability.jsonl");
const cases = fs
  .readFileSync(DATASET, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { question: string; answerable: boolean; expect?: string });

const llm: LlmProvider = { kind: "local", routeIntent: async () => undefined, phrase: async (r) => r.draft };

describe("answers from the demo knowledge on pglite", () => {
  let db: TestDatabase;
  let kb: KnowledgeBase;
  let tmp: string;
  let tools: ToolRegistry;

  const ask = (question: string, channel: Channel = "web", profile = {}, registry = tools) =>
    answerFromKnowledge({ tools: registry, llm }, { question, actor: { id: "v1", role: "prospect", tenant: "demo" }, channel, conversationId: "c1", profile });

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sg-answers-"));
    db = await openTestDatabase("pglite");
    for (const p of PRODUCTS) {
      await db.pool.query("insert into products (id, name, series, list_price, billing, description) values ($1, $2, $3, $4, $5, $6)", [
        p.id, p.name, p.series, p.list_price, p.billing, p.description,
      ]);
    }
    kb = createKnowledgeBase({ pool: db.pool, dataDir: tmp, embedder: createLocalEmbedder() });
    await seedDemoKnowledge(kb);
    tools = new ToolRegistry([createKnowledgeSearchTool({ kb }), createCatalogTool({ catalog: createCatalogRepo(db.pool), knowledge: kb })]);
  }, 120_000);

  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it.each(cases)("$question → answerable: $answerable", async ({ question, answerable, expect: fact }) => {
    const answer = await ask(question);
    expect(answer.confident, answer.text).toBe(answerable);
    if (answerable) {
      expect(answer.text).toMatch(/\[1\][\s\S]*Sources:\n\[1\] /);
      if (fact) expect(answer.text).toMatch(new RegExp(fact, "m"));
    } else expect(answer.text).toMatch(/^I don't know/);
  });

  it("answers each part of a compound question with its own citation", async () => {
    const answer = await ask("Is it SOC 2 compliant? Where is data hosted?");
    const [soc, hosting] = answer.text.split("\n\n");
    expect(soc).toMatch(/SOC 2[^\n]*\[\d\]/);
    expect(hosting).toMatch(/(Amazon Web Services|Frankfurt|region)[^\n]*\[\d\]/);
    expect(answer.text.match(/^Sources:/gm)).toHaveLength(1);
  });

  it("lists the plan table as short rows on the web and as sentences within two segments on SMS", async () => {
    const web = await ask("How much does it cost?");
    expect(web.text).toMatch(/^- Helix Core: \$12,000[^\n|]*$/m);
    expect(web.text).not.toMatch(/ \| /);
    const sms = await ask("How much does it cost?", "sms");
    expect(sms.text).not.toMatch(/\n- |knowledge\/|\.md\b/);
    expect(sms.text.length).toBeLessThanOrEqual(320);
  });

  it("never puts a file path in an SMS answer", async () => {
    for (const q of ["Is it SOC 2 compliant? Where is data hosted?", "What do you sell?", "Is there a free trial?"]) {
      const sms = await ask(q, "sms");
      expect(sms.text).not.toMatch(/knowledge\/|\.md\b/);
    }
  });

  it("uses the team size from the profile when the question states none", async () => {
    const answer = await ask("Which plan should we take?", "web", { teamSize: 40 });
    expect(answer.text).toMatch(/Helix Pro fits 40 users/);
    expect(answer.text).toMatch(/Helix Core covers up to 25 users, so it doesn't fit 40/);
    expect(answer.toolResults.some((r) => r.tool === "catalog" && r.ok)).toBe(true);
  });

  it("falls back to the knowledge base when the price list is empty", async () => {
    const registry = new ToolRegistry([createKnowledgeSearchTool({ kb }), createCatalogTool({ catalog: { listProducts: async () => [] }, knowledge: kb })]);
    const answer = await ask("How much for 25 users?", "web", {}, registry);
    expect(answer.confident).toBe(true);
    expect(answer.text).toMatch(/\$12,000/);
    expect(answer.text).not.toMatch(/fits 25 users/);
  });
});
